# The two commands the README promises: `make run` and `make test`.
BUILD_DIR ?= build
# Release with debug info: what operators build is what CI tests (one build in CI).
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g
BIN := $(BUILD_DIR)/victim-gateway

.PHONY: all bootstrap build web run test bench fmt tidy clean

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

bench: build
	bench/run-all $(BUILD_DIR)

fmt:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i

tidy: build
	find src -name '*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf $(BUILD_DIR) web/static/build
