# kansrijk — the commands a newcomer and CI need. `make run` and `make test` install
# what is missing themselves (scripts/setup.sh), so they work on a fresh Debian 12.
SHELL := /bin/bash
JOBS  ?= $(shell nproc)
DEMO_DB ?= sqlite:var/demo.db
LISTEN  ?= 127.0.0.1:8080

.PHONY: fuzz run test bench setup build-debug build-release web unit-test api-test crash-test openapi-check format clean screenshots

setup:
	bash scripts/setup.sh

# `make run` and `make bench` need only the server: no unit tests in the release build.
build-release: setup
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build/release -j $(JOBS) --target kansrijk

build-debug: setup
	cmake -S . -B build/debug -DCMAKE_BUILD_TYPE=Debug -DKANSRIJK_SANITIZE=ON >/dev/null
	cmake --build build/debug -j $(JOBS)

web: setup
	bash scripts/build-web.sh

# Builds everything, (re)creates the demo database and serves it.
run: build-release web
	bash scripts/run-demo.sh build/release/kansrijk "$(DEMO_DB)" "$(LISTEN)"

unit-test: build-debug
	cd build/debug && ctest --output-on-failure -j $(JOBS)

openapi-check: build-debug
	bash scripts/check-openapi.sh build/debug/kansrijk

api-test: build-debug
	bash scripts/api-test.sh build/debug/kansrijk

test: build-debug web
	cd build/debug && ctest --output-on-failure -j $(JOBS)
	bash scripts/check-includes.sh
	node scripts/check-licences.mjs
	bash scripts/check-error-codes.sh
	bash scripts/check-openapi.sh build/debug/kansrijk
	bash scripts/api-test.sh build/debug/kansrijk
	bash scripts/bench-smoke.sh build/debug/kansrijk
	bash scripts/web-test.sh build/debug/kansrijk

# Renders the main pages with demo data into docs/screenshots/ (Debian's chromium).
screenshots: build-debug web
	bash scripts/screenshots.sh build/debug/kansrijk

# HTTP throughput and latency (wrk), slow connections (1,100 trickling clients), then the
# caseload API with 250,000 families (BENCH_PG=1 adds PostgreSQL). Results and method:
# docs/performance.md. `make test` runs each of these once at toy size (scripts/bench-smoke.sh).
bench: build-release
	-bash bench/run.sh build/release/kansrijk
	bash bench/slowloris.sh build/release/kansrijk
	bash bench/caseload.sh build/release/kansrijk
	bash bench/genogram.sh build/release
	BENCH_PG=1 bash bench/measurements.sh build/release/kansrijk  # issue 10: charts and programme outcomes
	BENCH_PG=1 bash bench/budget.sh build/release/kansrijk  # issue 11: balance, Vandaag, budget and hours reports

# Fuzzes the GEDCOM importer with clang's libFuzzer for FUZZ_TIME seconds. Seeds come from
# fuzz/corpus/gedcom; new inputs it finds go to build/fuzz/corpus, crash inputs to build/fuzz/
# (copy them to tests/gedcom/regressions/, where a unit test reads them).
FUZZ_TIME ?= 60
# The pure genogram core only (not api, repo, service, wire): the parser is fuzzed without
# database or HTTP.
GENOGRAM_SOURCES := $(filter-out %_test.cc src/genogram/api.cc src/genogram/repo.cc src/genogram/service.cc src/genogram/wire.cc,$(wildcard src/genogram/*.cc))
fuzz:
	mkdir -p build/fuzz/corpus
	clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc \
	  fuzz/gedcom_fuzz.cc $(GENOGRAM_SOURCES) -o build/fuzz/gedcom_fuzz
	build/fuzz/gedcom_fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus fuzz/corpus/gedcom

format:
	find src -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
