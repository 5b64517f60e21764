# The compose gateway: the web app's static build served by nginx, with /api/* routed to the
# services by docker/nginx/healthmed.conf (generated from gateway/rotas.json).
#   docker build -f docker/web.Dockerfile -t healthmed/web:<commit> .

# ECR Public mirrors (no Docker Hub pull limits on CodeBuild; see service.Dockerfile).
ARG NODE_IMAGE=public.ecr.aws/docker/library/node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=public.ecr.aws/nginx/nginx-unprivileged:1.28.0-alpine

# ---------------------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build --silent

# ---------------------------------------------------------------------------- runtime
FROM ${NGINX_IMAGE} AS runtime
LABEL org.opencontainers.image.title="healthmed-web"
COPY docker/nginx/healthmed.conf /etc/nginx/conf.d/default.conf
COPY --from=build /web/dist /usr/share/nginx/html
# The unprivileged nginx image runs as uid 101 and listens on 8080.
USER 101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
