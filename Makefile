# motcua — developer and CI entry points. Every recipe runs in bash with
# -e -u -o pipefail, so any failing command fails the target.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO       ?= go
BIN      := bin/motcua
# sqlc, oapi-codegen and staticcheck, pinned in tools/go.mod, built once into the git-ignored
# bin/tools/ and rebuilt only when tools/go.mod or tools/go.sum changes (sqlc compiles
# pg_query's C code through cgo: minutes on a fresh machine, nothing afterwards).
TOOLS    := bin/tools
GENERATORS := $(TOOLS)/sqlc $(TOOLS)/oapi-codegen

.PHONY: build run tools generate check-generated vet staticcheck quick test fmt compose-config bench-push bench-booking bench-stats bench-read idle-check

# Build the single binary into bin/motcua.
build:
	$(GO) build -o $(BIN) ./backend/cmd/motcua

# Seed the demo ward, then serve on $$HTTP_ADDR (default 127.0.0.1:8080).
run: build
	$(BIN) seed
	exec $(BIN) serve

$(GENERATORS) $(TOOLS)/staticcheck &: tools/go.mod tools/go.sum
	$(GO) build -modfile=tools/go.mod -o $(TOOLS)/ github.com/sqlc-dev/sqlc/cmd/sqlc \
	  github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen honnef.co/go/tools/cmd/staticcheck
	touch $(GENERATORS) $(TOOLS)/staticcheck

tools: $(GENERATORS) $(TOOLS)/staticcheck

# Regenerate the OpenAPI server and client code and the sqlc queries in the tree.
generate: $(GENERATORS)
	tools/generate.sh write

# Regenerate into a temporary folder and fail, naming the files, when that differs from the
# generated files in the tree. Git is not asked: work in progress (a dirty tree) passes as long
# as its generated files match its contract and queries.
check-generated: $(GENERATORS)
	tools/generate.sh check

# Static checks.
vet:
	$(GO) vet ./...

staticcheck: $(TOOLS)/staticcheck
	$(TOOLS)/staticcheck ./...

# The inner loop for work in progress: cached tests (a package whose code and inputs did not
# change is not run again), -short skips the browser tests and the tests that build and run the
# binary; no generators, no fuzzing, no contract coverage.
quick:
	$(GO) test -short ./...

# The whole suite: generated code up to date, vet, staticcheck, all tests, then API contract
# coverage. -count=1: the database is an input the test cache cannot see. -p 2: two test binaries
# at a time, as many as the machines have cores; each runs a real server against its own
# PostgreSQL databases, and more at once starve the timing-based tests (leases, the outage drill)
# of CPU.
test: check-generated vet staticcheck
	# Before go test: the browser tests read axe-core from the web app's node_modules.
	mobile-bridge/webapp/check.sh
	export CONTRACT_COVERAGE_DIR="$$(mktemp -d)"; \
	echo "CONTRACT_COVERAGE_DIR=$$CONTRACT_COVERAGE_DIR"; \
	$(GO) test -count=1 -p 2 -timeout 20m ./...; \
	$(GO) test -run '^$$' -fuzz FuzzParseEvent -fuzztime 20000x ./backend/internal/postal/; \
	$(GO) test -run '^$$' -fuzz FuzzVerify -fuzztime 20000x ./backend/internal/postal/; \
	$(GO) run ./backend/cmd/contractcheck "$$CONTRACT_COVERAGE_DIR"

# Fail if any Go file is not gofmt-formatted.
fmt:
	@files="$$(gofmt -l backend mobile-bridge)"; \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi

# Validate docker-compose.yml (installs Debian's docker-compose if missing).
compose-config:
	command -v docker-compose >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-compose; }
	docker-compose config -q

# Push delivery benchmark: 100,000 notifications for 20,000 devices through the outbox, the
# worker and the real Firebase SDK into a fake FCM (figures in docs/benchmarks.md).
bench-push:
	$(GO) run ./backend/cmd/benchpush -notifications 100000 -devices 20000 -concurrency 8

# What an idle `motcua serve` costs after one push: CPU and database transactions over 30 s,
# failing above 5 % of a core or 50 transactions/s (figures in docs/benchmarks.md).
idle-check:
	$(GO) run ./backend/cmd/idlecheck -idle 30s

# Booking storm: the real server on loopback, 5,000 citizens try to book a 100-place Saturday
# session within one second over HTTP: first with apps opened before booking opens (the server
# has seen each citizen's token), then with every token new to it (figures in docs/benchmarks.md).
bench-booking:
	$(GO) build -o bin/benchbook ./backend/cmd/benchbook
	bin/benchbook -citizens 5000 -places 100 -window 1s -warm
	bin/benchbook -citizens 5000 -places 100 -window 1s

# A province's volume (1,000,000 dossiers over two years in 100 wards, one of 200,000) in a
# throw-away database: the plan of every list and statistics read (failing on a sequential scan
# of a big table) and GET /v1/stats timed for a month and a year (figures in docs/benchmarks.md).
bench-stats:
	$(GO) run ./backend/cmd/benchstats -wards 100 -dossiers 1000000 -big 200000

# Authenticated reads against raw PostgreSQL: 200,000 dossiers in one ward, pgbench on the page's
# SQL and HTTP on the real server, side by side; prints both rates and the ratio (figures in
# docs/benchmarks.md). BASELINE=path/to/motcua measures another build in the same rounds.
bench-read:
	$(GO) run ./backend/cmd/benchread -dossiers 200000 $(if $(BASELINE),-baseline $(BASELINE))
