// Command contractcheck fails when an API operation was never answered with a success by any
// test, or when some test got a 4xx from an operation that does not list that status in
// api-spec/openapi.yaml (a `default` response does not count: clients read the list to know
// which refusals to handle). Tests record "operationId status" lines into
// $CONTRACT_COVERAGE_DIR (see testkit); `make test` runs this after the suite.
//
//	go run ./backend/cmd/contractcheck DIR
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: contractcheck DIR")
		os.Exit(2)
	}
	r, err := check(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "contractcheck:", err)
		os.Exit(1)
	}
	failed := false
	if len(r.missing) > 0 {
		fmt.Fprintf(os.Stderr, "contractcheck: %d of %d API operations have no test that got a 2xx answer:\n  %s\n",
			len(r.missing), r.total, strings.Join(r.missing, "\n  "))
		failed = true
	}
	if len(r.undocumented) > 0 {
		fmt.Fprintf(os.Stderr, "contractcheck: %d 4xx answers that tests got are not listed in api-spec/openapi.yaml (add the status to the operation's responses):\n  %s\n",
			len(r.undocumented), strings.Join(r.undocumented, "\n  "))
		failed = true
	}
	if failed {
		os.Exit(1)
	}
	fmt.Printf("contractcheck: all %d API operations covered by tests with a successful response; every 4xx seen is listed\n", r.total)
}

type result struct {
	missing      []string // operations no test got a 2xx from
	undocumented []string // "operationId status" of 4xx answers the spec does not list
	total        int
}

func check(dir string) (result, error) {
	var r result
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		return r, err
	}
	files, err := testkit.CoverageFiles(dir)
	if err != nil {
		return r, err
	}
	if len(files) == 0 {
		return r, fmt.Errorf("no coverage records in %s (was CONTRACT_COVERAGE_DIR set for go test?)", dir)
	}
	seen := map[string]map[int]bool{}
	for _, f := range files {
		if err := read(f, seen); err != nil {
			return r, err
		}
	}
	ops := map[string]*openapi3.Operation{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			r.total++
			ops[op.OperationID] = op
			if !anyIn(seen[op.OperationID], 200, 299) {
				r.missing = append(r.missing, op.OperationID)
			}
		}
	}
	for id, statuses := range seen {
		op := ops[id]
		for st := range statuses {
			// 431 is the transport's refusal of an oversized request head (URL or headers),
			// made before any operation is chosen; the spec documents it once, in info.
			if st >= 400 && st < 500 && st != 431 && (op == nil || op.Responses.Status(st) == nil) {
				r.undocumented = append(r.undocumented, fmt.Sprintf("%s %d", id, st))
			}
		}
	}
	sort.Strings(r.missing)
	sort.Strings(r.undocumented)
	return r, nil
}

func anyIn(statuses map[int]bool, lo, hi int) bool {
	for st := range statuses {
		if st >= lo && st <= hi {
			return true
		}
	}
	return false
}

func read(path string, seen map[string]map[int]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		op, status, _ := strings.Cut(s.Text(), " ")
		n, err := strconv.Atoi(status)
		if err != nil {
			return fmt.Errorf("%s: bad line %q", path, s.Text())
		}
		if seen[op] == nil {
			seen[op] = map[int]bool{}
		}
		seen[op][n] = true
	}
	return s.Err()
}
