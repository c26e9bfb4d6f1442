# The only entry points for people and CI. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
DEMO_PERSONS ?= 50000
PYTHON312 := $(shell command -v python3.12 2>/dev/null || ls -d /root/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | tail -n 1)
UV := UV_PYTHON_DOWNLOADS=never $(PYTHON312) -m uv
VENV := .venv
BIN := $(VENV)/bin
MZ := $(BIN)/minzheng
PYTEST_ARGS ?=
APT_PACKAGES := gettext chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: help install system-packages assets messages migrate seed run worker scheduler \
        test test-fast test-spark lint fmt typecheck check migrations migrations-check schema rules-doc \
        bench bench-data bench-rules bench-profile bench-money

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/minzheng: pyproject.toml pipeline/pyproject.toml uv.lock
	@test -n "$(PYTHON312)" || { echo "需要 Python 3.12 (Python 3.12 is required)"; exit 1; }
	@$(PYTHON312) -m uv --version >/dev/null 2>&1 || $(PYTHON312) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON312)
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(BIN)/minzheng node_modules/.package-lock.json messages  ## build .venv with the minzheng CLI, npm assets, translations

system-packages:  ## apt packages for translations, PDFs and browser tests (as root)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "缺少系统软件包 (missing apt packages): $$missing — 请以 root 安装"; fi; \
	fi

messages: $(BIN)/minzheng  ## compile translation catalogues
	@if command -v msgfmt >/dev/null; then $(MZ) compilemessages --ignore '.venv/*' -v 0; \
	else echo "msgfmt 不可用，英文界面将不可用 (gettext missing: English UI unavailable)"; fi

migrate: install
	$(MZ) migrate --no-input -v 0

seed: migrate  ## seed the demo county unless it is already there
	$(MZ) seed --persons $(DEMO_PERSONS) --if-empty

run: system-packages seed  ## set up on first use, seed the demo county, serve on 127.0.0.1:$(PORT) with the worker
	@$(MZ) demo_logins
	@echo "平台地址 (open): http://127.0.0.1:$(PORT)/accounts/login/"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MZ) db_worker --queue-name default & \
	  $(MZ) scheduler & \
	  $(MZ) runserver 127.0.0.1:$(PORT) --noreload

worker:  ## the task worker alone (production runs it as its own service)
	$(MZ) db_worker --queue-name default

scheduler:  ## the periodic-task scheduler alone
	$(MZ) scheduler

lint: install  ## ruff, import layers, template and migration checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MZ) makemigrations --check --dry-run -v 0
	$(MZ) check --fail-level WARNING

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install  ## mypy --strict
	$(BIN)/mypy .

schema: install  ## rewrite the committed OpenAPI snapshot
	DJANGO_SETTINGS_MODULE=config.django.test $(MZ) export_openapi_schema --api config.api.api --indent 2 --sorted > docs/api/openapi.json

rules-doc: install  ## rewrite docs/rules.md from the shipped rule values (ADR 0034)
	$(BIN)/python -m minzheng.core.rule_catalogue

test: install lint typecheck  ## the whole suite: static checks, unit, API and browser tests
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: install  ## unit and API tests only, no browser
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

test-spark: install  ## the opt-in Spark engine tests, with local PySpark (needs Java)
	$(UV) sync --frozen --python $(PYTHON312) --group spark
	$(BIN)/pytest -m spark --spark $(PYTEST_ARGS)

check: test  ## exactly what CI runs for one database

migrations: install
	$(MZ) makemigrations

migrations-check: install
	$(MZ) makemigrations --check --dry-run

BENCH_PERSONS ?= 700000
BENCH_DB := $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

bench: install  ## county-scale benchmarks (BENCH_PERSONS=700000; BENCH_DATABASE_URL for PostgreSQL)
	$(BIN)/python bench/seed_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)
	$(BIN)/python bench/registry_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)

bench-data: install  ## data-integration benchmarks: addresses, demo feeds, linkage, a 700k-row import
	$(BIN)/python bench/address_bench.py
	$(BIN)/python bench/feeds_bench.py
	$(BIN)/python bench/link_bench.py $(BENCH_DB)
	$(BIN)/python bench/import_bench.py $(BENCH_DB)

bench-rules: install  ## rules as code: 1M households, the JSON command, a county run and what-if
	$(BIN)/python bench/rules_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)

bench-profile: install  ## 精准画像, a day of warnings and the dashboard at county scale (after bench-rules)
	$(BIN)/python bench/profile_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)
	$(BIN)/python bench/monitoring_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)
	$(BIN)/python bench/dashboard_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)

bench-money: install  ## the money path at county scale: a 15,000-recipient roll imported; a batch of 15,000 payees prepared, exported, reconciled
	$(BIN)/python bench/caseload_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)
	$(BIN)/python bench/money_bench.py --persons $(BENCH_PERSONS) $(BENCH_DB)
