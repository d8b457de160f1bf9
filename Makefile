# glassbreak-sim: the two commands a newcomer types are `make demo` and `make test`.
# Each installs the system libraries it needs when they are missing, then builds.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCENARIO ?= scenarios/steady-state.yaml

.PHONY: deps build demo test validate bench fuzz clean

deps:
	@if ! command -v pkg-config >/dev/null || ! pkg-config --exists libargon2 sqlite3; then \
		echo "installing libsqlite3-dev libargon2-dev pkg-config"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libsqlite3-dev libargon2-dev pkg-config; \
	fi

build: deps
	swift build -c release --product simctl

demo: build
	.build/release/simctl run $(SCENARIO) --check-determinism

validate: build
	.build/release/simctl validate scenarios/*.yaml scenarios/fuzz/*.yaml

bench: build
	.build/release/simctl bench scenarios/bench/*.yaml
	@echo "fuzz throughput: scenarios/fuzz/small.yaml, 1000 seeds, default --jobs (the core count)"
	.build/release/simctl fuzz scenarios/fuzz/small.yaml --seeds 1..1000 --out .sim/bench/fuzz-small

# A fuzz campaign over the small base; SEEDS=1..100000 FUZZ_BASE=scenarios/fuzz/large.yaml to widen.
FUZZ_BASE ?= scenarios/fuzz/small.yaml
SEEDS ?= 1..1000
fuzz: build
	.build/release/simctl fuzz $(FUZZ_BASE) --seeds $(SEEDS)

test: deps
	swift test

clean:
	rm -rf .build .sim
