# Entry points. `make up` runs the system locally, `make test` tests it on a throwaway cluster.
VENV := .venv
AVENIR := $(VENV)/bin/avenir

.PHONY: setup up down status test lint bench migrate

setup:  ## install what is missing (Debian packages, pgvector, .venv); quick when present
	@scripts/install-toolchain.sh

up: setup  ## start the local cluster, deploy migrations, start the services
	@$(AVENIR) up

down:  ## stop everything `make up` started
	@if [ -x $(AVENIR) ]; then $(AVENIR) down; else echo "nothing to stop"; fi

status: setup  ## KEY=value lines: DB_URL, ...
	@$(AVENIR) status -o env

migrate: setup  ## deploy pending migrations to the local cluster
	@$(AVENIR) migrate deploy

bench: setup  ## benchmarks: our path vs the direct-SQL limit, side by side (bench/*/run.sh)
	@bench/run.sh

lint: setup
	@$(VENV)/bin/ruff check .

# pytest exits 5 when it collected no test: that is a failure here too (any non-zero is).
test: setup lint  ## every pgTAP file and every pytest test, on a throwaway cluster
	@$(VENV)/bin/pytest $(PYTEST_ARGS)

.PHONY: fuzz soak

# The full reliability counts (tests/reliability): 1,000 generated inputs per RPC and per query-grammar
# persona, and the gateway cases narrowed out of `make test` while their defects are open.
fuzz: setup  ## property-based fuzzing at full count (HYPOTHESIS_PROFILE=fuzz)
	@HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest tests/reliability $(PYTEST_ARGS)

soak: setup  ## 10 minutes at 80 % of the measured lead-capture capacity + dashboard reads (AVENIR_SOAK_SECONDS)
	@$(VENV)/bin/python tests/reliability/soak.py
