# Everyday tasks. `make test` is what CI runs.
.PHONY: start build release test lint bench bench-classroom bench-endpoint fuzz asan tsan generate check-generated clean

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

# The class server under a class's load: 500 simulated learners on loopback (LEARNERS, RUNS to change), on SQLite,
# then on PostgreSQL when POSTGRES names a database the bench may empty (postgres://USER:PASSWORD@HOST/DATABASE).
bench-classroom:
	scripts/fresh-release-build
	swift build -c release --product rolecall-classroom
	swift build -c release --product classroom-bench
	.build/release/classroom-bench $(or $(LEARNERS),500) $(or $(RUNS),3) Lessons
	test -z "$(POSTGRES)" || .build/release/classroom-bench $(or $(LEARNERS),500) $(or $(RUNS),3) Lessons "$(POSTGRES)"

# The sandbox's HTTP endpoint under a boto3 workload, beside moto's server (both installed with the aws CLI's Python).
bench-endpoint:
	scripts/fresh-release-build
	swift build -c release --product rolecall-endpoint
	python3 scripts/bench_endpoint.py .build/release/rolecall-endpoint $(or $(ROUNDS),200) $(or $(RUNS),3)

# Coverage-guided fuzzing with libFuzzer, FUZZ_SECONDS per target (default 60).
fuzz:
	scripts/fuzz $(or $(FUZZ_SECONDS),60)

# The test suite under AddressSanitizer and ThreadSanitizer, each in a build folder of its own. Leak reports are
# off: the ones LeakSanitizer makes are in Foundation's file reading and libedit, and they change the exit status of
# the binaries the end-to-end tests run.
asan:
	ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan

tsan:
	ROLECALL_SANITIZER=thread swift test --sanitize=thread --scratch-path .build-tsan

# The generated files: aws CLI tables from botocore's models, AWS managed policies from moto's copy of AWS's
# documents, and golden CLI outputs from awscli's own formatters; tool versions in scripts/generate-requirements.txt.
GENERATED = Sources/AWSCommands/Specs/Generated Sources/AWSWire/Generated Sources/PolicyEngine/Principal/Generated Sources/Sandbox/IAM/AWSManagedPolicyDocuments.swift Tests/AWSCommandsTests/Golden

generate:
	python3 -m pip install -q -r scripts/generate-requirements.txt
	python3 scripts/generate_specs.py
	python3 scripts/generate-managed-policies.py
	python3 scripts/make_golden.py

# Fails when a generated file differs from what its generator makes now (CI runs it).
check-generated: generate
	@git diff --exit-code --stat -- $(GENERATED) || { echo "Generated files are stale: run 'make generate' and commit the result."; exit 1; }
	@test -z "$$(git status --porcelain -- $(GENERATED))" || { git status --short -- $(GENERATED); echo "Generated files are missing from git: run 'make generate' and commit them."; exit 1; }

clean:
	rm -rf .build
