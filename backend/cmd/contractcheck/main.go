// Command contractcheck fails when an API operation was never answered with a success by any
// test. Tests record "operationId status" lines into $CONTRACT_COVERAGE_DIR (see testkit);
// `make test` runs this after the suite.
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

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: contractcheck DIR")
		os.Exit(2)
	}
	missing, total, err := check(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "contractcheck:", err)
		os.Exit(1)
	}
	if len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "contractcheck: %d of %d API operations have no test that got a 2xx answer:\n  %s\n",
			len(missing), total, strings.Join(missing, "\n  "))
		os.Exit(1)
	}
	fmt.Printf("contractcheck: all %d API operations covered by tests with a successful response\n", total)
}

func check(dir string) (missing []string, total int, err error) {
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		return nil, 0, err
	}
	files, err := testkit.CoverageFiles(dir)
	if err != nil {
		return nil, 0, err
	}
	if len(files) == 0 {
		return nil, 0, fmt.Errorf("no coverage records in %s (was CONTRACT_COVERAGE_DIR set for go test?)", dir)
	}
	ok := map[string]bool{}
	for _, f := range files {
		if err := read(f, ok); err != nil {
			return nil, 0, err
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			total++
			if !ok[op.OperationID] {
				missing = append(missing, op.OperationID)
			}
		}
	}
	sort.Strings(missing)
	return missing, total, nil
}

func read(path string, ok map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		op, status, _ := strings.Cut(s.Text(), " ")
		if n, err := strconv.Atoi(status); err == nil && n >= 200 && n < 300 {
			ok[op] = true
		}
	}
	return s.Err()
}
