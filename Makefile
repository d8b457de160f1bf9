# glassbreak-sim: the two commands a newcomer types are `make demo` and `make test`.
# Each installs the system libraries it needs when they are missing, then builds.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCENARIO ?= scenarios/steady-state.yaml

.PHONY: deps build demo test validate check-schema schema cli-doc install uninstall man completions bench fuzz report-picture topology-pictures clean

# libsqlite3-dev, libargon2-dev: the simulator; zlib1g-dev: the tests decode PNG screenshots;
# chromium: the tests render reports in a real (headless) browser.
deps:
	@if ! command -v pkg-config >/dev/null || ! pkg-config --exists libargon2 sqlite3 zlib; then \
		echo "installing libsqlite3-dev libargon2-dev zlib1g-dev pkg-config"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libsqlite3-dev libargon2-dev zlib1g-dev pkg-config; \
	fi
	@if ! command -v chromium >/dev/null; then \
		echo "installing chromium (headless browser for the report tests)"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; \
	fi

build: deps
	swift build -c release --product simctl

demo: build
	.build/release/simctl run $(SCENARIO) --check-determinism

validate: build
	.build/release/simctl validate scenarios/*.yaml scenarios/*/*.yaml

# Every library scenario against docs/scenario.schema.json with Python's jsonschema (an
# independent validator), installed with pip into .build/ci-python when it is missing.
CI_PYTHON := .build/ci-python
check-schema:
	@if ! PYTHONPATH=$(CI_PYTHON) python3 -c 'import jsonschema, yaml' 2>/dev/null; then \
		echo "installing jsonschema and PyYAML into $(CI_PYTHON) (pip)"; \
		python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-pip; }; \
		python3 -m pip install --quiet --target $(CI_PYTHON) jsonschema pyyaml \
			|| python3 -m pip install --quiet --break-system-packages --target $(CI_PYTHON) jsonschema pyyaml; \
	fi
	PYTHONPATH=$(CI_PYTHON) python3 .ci/check-scenario-schema.py

# Regenerates docs/scenario.schema.json (a test fails when it is stale).
schema:
	swift run simctl schema -o docs/scenario.schema.json

# Regenerates docs/cli.md from every command's --help and docs/checks.md from `simctl explain`
# (tests fail when either is stale).
cli-doc:
	swift build --product simctl
	.build/debug/simctl cli-reference > docs/cli.md
	.build/debug/simctl explain --markdown > docs/checks.md

# The scenario benchmarks (each run three times, median and spread), then the per-layer suite
# (ordo-one/package-benchmark, a separate package in Benchmarks/ so the main build never compiles it).
bench: build
	.build/release/simctl bench scenarios/bench/*.yaml
	cd Benchmarks && swift package --disable-sandbox benchmark
	@echo "fuzz throughput: scenarios/fuzz/small.yaml, 1000 seeds, default --jobs (the core count); the summary line gives seeds/min and ms CPU a seed"
	.build/release/simctl fuzz scenarios/fuzz/small.yaml --seeds 1..1000 --out .sim/bench/fuzz-small

# `make install PREFIX=~/.local`: the release binary, man pages (swift-argument-parser's
# generate-manual plugin: simctl.1 and simctl.SUBCOMMAND.1) and bash, zsh and fish completions.
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

man: build
	rm -rf .build/man && mkdir -p .build/man
	swift package --allow-writing-to-package-directory generate-manual --multi-page --output-directory .build/man

completions: build
	mkdir -p .build/completions
	.build/release/simctl --generate-completion-script bash > .build/completions/simctl.bash
	.build/release/simctl --generate-completion-script zsh > .build/completions/_simctl
	.build/release/simctl --generate-completion-script fish > .build/completions/simctl.fish

install: build man completions
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 .build/release/simctl $(BINDIR)/simctl
	install -m 644 .build/man/*.1 $(MANDIR)/
	install -m 644 .build/completions/simctl.bash $(BASHDIR)/simctl
	install -m 644 .build/completions/_simctl $(ZSHDIR)/_simctl
	install -m 644 .build/completions/simctl.fish $(FISHDIR)/simctl.fish
	@echo "installed simctl in $(BINDIR); man simctl, man simctl.run (one page per subcommand); completions for bash, zsh, fish"

uninstall:
	rm -f $(BINDIR)/simctl $(BASHDIR)/simctl $(ZSHDIR)/_simctl $(FISHDIR)/simctl.fish
	rm -f $(MANDIR)/simctl.1 $(MANDIR)/simctl.*.1

# A fuzz campaign over the small base; SEEDS=1..100000 FUZZ_BASE=scenarios/fuzz/large.yaml to widen.
FUZZ_BASE ?= scenarios/fuzz/small.yaml
SEEDS ?= 1..1000
fuzz: build
	.build/release/simctl fuzz $(FUZZ_BASE) --seeds $(SEEDS)

# The suite, and no compiler warning from Sources/ or Tests/ in its build log (.ci/check-warnings).
test: deps
	bash .ci/test-without-warnings

# The README's picture: the HTML report of scenarios/provider-outage.yaml, rendered by chromium.
REPORT_SCENARIO ?= scenarios/provider-outage.yaml
report-picture: build deps
	mkdir -p .sim
	.build/release/simctl run $(REPORT_SCENARIO) --out .sim/runs/report-picture --html .sim/report-picture.html || test $$? -eq 1
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=.sim/chromium-profile \
		--screenshot=$(CURDIR)/.sim/report-picture.png --window-size=1400,2300 file://$(CURDIR)/.sim/report-picture.html \
		2>/dev/null
	mv .sim/report-picture.png docs/report.png

# The topology drawings embedded in docs/architecture.md.
topology-pictures: build
	.build/release/simctl topology --topology standard --svg -o docs/topology-standard.svg
	.build/release/simctl topology --topology three-verticals --svg -o docs/topology-three-verticals.svg

clean:
	rm -rf .build .sim
