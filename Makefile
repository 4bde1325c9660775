# Everyday tasks. `make test` is what CI runs.
.PHONY: start build release test lint bench clean

start:
	./scripts/start

build:
	swift build

release:
	swift build -c release

test:
	swift test

lint: build
	.build/debug/rolecall lint

bench:
	swift build -c release --product course-bench
	swift build -c release --product sandbox-bench
	swift build -c release --product rolecall
	.build/release/course-bench Lessons
	.build/release/sandbox-bench
	python3 Benchmarks/startup_bench.py
	Benchmarks/policy-bench.sh

clean:
	rm -rf .build
