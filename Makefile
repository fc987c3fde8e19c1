# motcua — developer and CI entry points. Every recipe runs in bash with
# -e -u -o pipefail, so any failing command fails the target.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO       ?= go
TOOL     := $(GO) tool -modfile=tools/go.mod
BIN      := bin/motcua

.PHONY: build run generate check-generated vet test fmt compose-config bench-push bench-booking idle-check

# Build the single binary into bin/motcua.
build:
	$(GO) build -o $(BIN) ./backend/cmd/motcua

# Seed the demo ward, then serve on $$HTTP_ADDR (default 127.0.0.1:8080).
run: build
	$(BIN) seed
	exec $(BIN) serve

# Regenerate the OpenAPI server code and the sqlc queries.
generate:
	$(GO) generate ./backend/internal/api/... ./mobile-bridge/client/...
	$(TOOL) sqlc generate

# Regenerate, then fail if that changed anything under backend/ (generated code not committed).
check-generated: generate
	@changes="$$(git status --porcelain -- backend/ mobile-bridge/)"; \
	if [ -n "$$changes" ]; then \
	  echo "check-generated: uncommitted changes under backend/ (run 'make generate' and commit):"; \
	  echo "$$changes"; exit 1; \
	fi

# Static checks.
vet:
	$(GO) vet ./...

# The whole suite: generated code up to date, vet, all tests, then API contract coverage.
test: check-generated vet
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
# session within one second over HTTP (figures in docs/benchmarks.md).
bench-booking:
	$(GO) run ./backend/cmd/benchbook -citizens 5000 -places 100 -window 1s
