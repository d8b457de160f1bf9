# glassbreak-sim: the two commands a newcomer types are `make demo` and `make test`.
# Each installs the system libraries it needs when they are missing, then builds.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCENARIO ?= scenarios/steady-state.yaml

.PHONY: deps build demo test validate bench clean

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
	.build/release/simctl validate scenarios/*.yaml

bench: build
	.build/release/simctl bench scenarios/bench/*.yaml

test: deps
	swift test

clean:
	rm -rf .build .sim
