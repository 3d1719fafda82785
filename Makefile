# The two commands of README.md, and the steps they are made of.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DATA ?= var
PORT ?= 8080

.PHONY: run test setup build ui clean screenshots

run: setup build
	@scripts/run --data $(DATA) --port $(PORT)

test: setup build
	@scripts/test $(BUILD)

setup:
	@scripts/setup

build: ui
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The web UI: install its packages from the lockfile when they are missing or older than
# the lockfile, then type-check and bundle it into ui/dist (served by `drieluik serve`).
ui:
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
	  (cd ui && npm ci --no-audit --no-fund --loglevel=error); fi
	@cd ui && npm run --silent build

# The README's screenshots: the browser tests photograph every screen into docs/screenshots/.
screenshots: setup build
	@DRIELUIK_SCREENSHOTS_OVERRIDE=$(CURDIR)/docs/screenshots ctest --test-dir $(BUILD) -R '^ui_e2e$$' --output-on-failure

clean:
	rm -rf $(BUILD)
