# Everyday tasks. `make test` is what CI runs.
.PHONY: start build release test lint bench fuzz asan tsan generate clean

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
	scripts/fresh-release-build
	swift build -c release --product course-bench
	swift build -c release --product sandbox-bench
	swift build -c release --product rolecall
	swift build -c release --product grading-bench
	python3 Benchmarks/make_large_course.py .build/large-course 10 >/dev/null
	.build/release/course-bench Lessons
	.build/release/course-bench .build/large-course
	.build/release/sandbox-bench
	python3 Benchmarks/startup_bench.py
	ROLECALL_COURSE=.build/large-course python3 Benchmarks/startup_bench.py
	.build/release/grading-bench Lessons 1000
	Benchmarks/policy-bench.sh

# Coverage-guided fuzzing with libFuzzer, FUZZ_SECONDS per target (default 60).
fuzz:
	scripts/fuzz $(or $(FUZZ_SECONDS),60)

# The test suite under AddressSanitizer and ThreadSanitizer, each in a build folder of its own.
asan:
	swift test --sanitize=address --scratch-path .build-asan

tsan:
	swift test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build
