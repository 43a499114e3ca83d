# The two commands the README promises: `make run` and `make test`.
BUILD_DIR ?= build
# Release with debug info: what operators build is what CI tests (one build in CI).
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g
BIN := $(BUILD_DIR)/victim-gateway

.PHONY: all bootstrap build web run test fuzz reliability bench fmt tidy clean

all: build

bootstrap:
	scripts/bootstrap

build: bootstrap
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR)
	npm run --silent build:web

# Migrates and seeds var/vg.db, then serves http://127.0.0.1:8080.
run: build
	scripts/run-demo $(BIN)

test: build
	scripts/test $(BUILD_DIR)

# Coverage-guided fuzzing of every parser of outside input (tests/fuzz, docs/operations.md
# "Fuzzing"): a second build with ASan and UBSan, each target FUZZ_SECONDS under afl-fuzz.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
	-DVG_WERROR=OFF -DVG_SANITIZE=ON -DVG_AFL=ON
fuzz: bootstrap
	cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja $(FUZZ_CMAKE_FLAGS)
	tests/fuzz/run-fuzz $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS)

# The long forms of what `make test` runs briefly (docs/reliability.md): `make fuzz`, then the
# crash harness with RELIABILITY_KILLS kills of `serve` (in rounds of 25, each seeded and within
# its test's time limit) and RELIABILITY_IMPORT_KILLS of `import-referrals` on SQLite and on
# PostgreSQL, the PostgreSQL outage test, the soak for RELIABILITY_SOAK_SECONDS at 80% of the
# maximum measured in the same run, and two `serve` processes against one behind HAProxy (P7).
# Ends with one line per part.
RELIABILITY_KILLS ?= 100
RELIABILITY_IMPORT_KILLS ?= 30
RELIABILITY_SOAK_SECONDS ?= 600
CRASH_ENV = VG_BINARY=$(abspath $(BIN)) VG_SOURCE_DIR=$(CURDIR)
reliability: SHELL := /bin/bash
reliability: build
	@set -u; results=""; failed=0; part=0; \
	run() { label=$$1; shift; part=$$((part + 1)); log=$(BUILD_DIR)/reliability-$$part.log; \
	  echo "== $$label"; \
	  if "$$@" 2>&1 | tee $$log | grep -E "seed [0-9]+|[0-9]+ lost|^# (pass|fail)|^ +[a-z_]+ +[0-9]+ execs|^# soak:|^\\| (1|2|\\*\\*2 / 1\\*\\*) \\|"; \
	     [ $${PIPESTATUS[0]} -eq 0 ]; then results="$$results\n  ok      $$label"; \
	  else results="$$results\n  FAILED  $$label (log: $$log)"; failed=1; fi; }; \
	run "fuzz, $(FUZZ_SECONDS)s a target" $(MAKE) --no-print-directory fuzz; \
	done_kills=0; while [ $$done_kills -lt $(RELIABILITY_KILLS) ]; do \
	  n=$$(( $(RELIABILITY_KILLS) - done_kills < 25 ? $(RELIABILITY_KILLS) - done_kills : 25 )); \
	  run "serve killed $$n times (kills $$((done_kills + 1))-$$((done_kills + n)))" \
	    env $(CRASH_ENV) VG_CRASH_KILLS=$$n node --test tests/integration/http/crash_safety.test.mjs; \
	  done_kills=$$((done_kills + n)); done; \
	run "import-referrals killed $(RELIABILITY_IMPORT_KILLS) times, SQLite" \
	  env $(CRASH_ENV) VG_CRASH_IMPORT_KILLS=$(RELIABILITY_IMPORT_KILLS) \
	  node --test tests/integration/cli/import_referrals_crash.test.mjs; \
	run "import-referrals killed $(RELIABILITY_IMPORT_KILLS) times, PostgreSQL" \
	  env $(CRASH_ENV) VG_CRASH_IMPORT_KILLS=$(RELIABILITY_IMPORT_KILLS) tests/integration/run_with_postgres.sh \
	  node --test tests/integration/cli/import_referrals_crash.test.mjs; \
	run "PostgreSQL stopped and crashed under load" \
	  env $(CRASH_ENV) node --test tests/integration/http/postgres_outage.test.mjs; \
	run "soak, $(RELIABILITY_SOAK_SECONDS)s at 80% of the maximum" \
	  env VG_SOAK_SECONDS=$(RELIABILITY_SOAK_SECONDS) bench/run-soak $(BUILD_DIR); \
	run "two serve processes against one behind HAProxy (P7)" bench/run-scale-out $(BUILD_DIR); \
	printf 'reliability summary (%s):%b\n' "$$(date -u +%Y-%m-%dT%H:%MZ)" "$$results"; exit $$failed

bench: build
	bench/run-all $(BUILD_DIR)

fmt:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i

tidy: build
	find src -name '*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_BUILD_DIR) web/static/build
