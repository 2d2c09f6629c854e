# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
PORT ?= 8080
DB ?= var/lianfang.db
JOBS ?= $(shell nproc)

.PHONY: run test setup build web unit api e2e bench clean

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

web: setup
	@scripts/build-web

run: build web
	@mkdir -p var
	@$(BUILD)/lianfang serve --demo --db $(DB) --host 127.0.0.1 --port $(PORT)

test: build web
	@scripts/test-all

unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bench/api.sh

clean:
	rm -rf $(BUILD) web/dist
