# The two commands of README.md, and the steps they are made of.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DATA ?= var
PORT ?= 8080

.PHONY: run test setup build ui clean

run: setup build
	@scripts/run --data $(DATA) --port $(PORT)

test: setup build
	@scripts/test $(BUILD)

setup:
	@scripts/setup

build:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD)
