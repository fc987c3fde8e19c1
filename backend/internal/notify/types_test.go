package notify_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// Enqueue refuses a type that is not in the push contract, and the refusal rolls back the
// change that wanted to notify (an officer's transition). This test finds such a type first:
// it reads the source of every package that builds a notify.Message and works out every value
// its Type can take. Types are written as literals or push constants, as "prefix." + a parameter
// whose values are the cases of a switch on it (the function notifies nobody otherwise), or a
// parameter whose values come from the function's callers. A Type it cannot work out fails the
// test too: write it in one of those shapes.
func TestEveryEmittedTypeIsInThePushContract(t *testing.T) {
	root := repoRoot(t)
	src := loadSource(t, root, "backend", "mobile-bridge/push")
	emitted := map[string][]string{} // type → where
	sites := 0
	for _, pkg := range src.pkgs {
		for _, f := range pkg.files {
			ast.Inspect(f, func(n ast.Node) bool {
				fn, ok := n.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					return true
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					lit, ok := n.(*ast.CompositeLit)
					if !ok || !isMessage(lit.Type, pkg.name) {
						return true
					}
					for _, el := range lit.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok || !isIdent(kv.Key, "Type") {
							continue
						}
						sites++
						where := src.fset.Position(kv.Pos()).String()
						where = strings.TrimPrefix(where, root+string(filepath.Separator))
						vals, ok := src.values(pkg, fn, kv.Value, 0)
						if !ok || len(vals) == 0 {
							t.Errorf("%s: cannot tell which notification types this emits; write a push constant, a literal, or \"prefix.\" + a parameter switched on", where)
							continue
						}
						for _, v := range vals {
							emitted[v] = append(emitted[v], where)
						}
					}
					return true
				})
				return false
			})
		}
	}
	if sites < 8 {
		t.Fatalf("found only %d notify.Message literals with a Type: the source walk is broken", sites)
	}
	var names []string
	for v := range emitted {
		names = append(names, v)
	}
	sort.Strings(names)
	for _, v := range names {
		if _, ok := push.Types[push.Type(v)]; !ok {
			t.Errorf("%q (emitted at %s) is not in the push contract: add it to mobile-bridge/push.Types", v, strings.Join(emitted[v], ", "))
		}
	}
	t.Logf("%d sites emit %d types: %s", sites, len(names), strings.Join(names, " "))
}

func repoRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; dir != "/"; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
	}
	t.Fatal("no go.mod above the test")
	return ""
}

type srcPkg struct {
	name   string
	files  []*ast.File
	consts map[string]string // string constants declared with a literal
}

type source struct {
	fset *token.FileSet
	pkgs map[string]*srcPkg // by folder
}

// loadSource parses the non-test Go files under the given folders, skipping generated code.
func loadSource(t *testing.T, root string, dirs ...string) *source {
	s := &source{fset: token.NewFileSet(), pkgs: map[string]*srcPkg{}}
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(s.fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			if ast.IsGenerated(f) {
				return nil
			}
			p := s.pkgs[filepath.Dir(path)]
			if p == nil {
				p = &srcPkg{name: f.Name.Name, consts: map[string]string{}}
				s.pkgs[filepath.Dir(path)] = p
			}
			p.files = append(p.files, f)
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if v, ok := stringLit(vs.Values[i]); ok {
								p.consts[name.Name] = v
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func isMessage(typ ast.Expr, pkg string) bool {
	if sel, ok := typ.(*ast.SelectorExpr); ok {
		return isIdent(sel.X, "notify") && sel.Sel.Name == "Message"
	}
	return pkg == "notify" && isIdent(typ, "Message")
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// values is every string e can hold inside fn of pkg; false when it cannot be worked out.
func (s *source) values(pkg *srcPkg, fn *ast.FuncDecl, e ast.Expr, depth int) ([]string, bool) {
	if depth > 4 {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		v, ok := stringLit(e)
		return []string{v}, ok
	case *ast.ParenExpr:
		return s.values(pkg, fn, e.X, depth)
	case *ast.CallExpr: // a conversion: string(x), push.Type(x)
		if len(e.Args) == 1 {
			return s.values(pkg, fn, e.Args[0], depth)
		}
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil, false
		}
		left, ok1 := s.values(pkg, fn, e.X, depth)
		right, ok2 := s.values(pkg, fn, e.Y, depth)
		var out []string
		for _, l := range left {
			for _, r := range right {
				out = append(out, l+r)
			}
		}
		return out, ok1 && ok2
	case *ast.SelectorExpr: // a constant of another package: push.DossierReceived
		if x, ok := e.X.(*ast.Ident); ok {
			for _, p := range s.pkgs {
				if v, ok := p.consts[e.Sel.Name]; ok && p.name == x.Name {
					return []string{v}, true
				}
			}
		}
	case *ast.Ident:
		if v, ok := pkg.consts[e.Name]; ok {
			return []string{v}, true
		}
		if i := paramIndex(fn, e.Name); i >= 0 {
			if vals, found, ok := s.switchCases(pkg, fn, e.Name, depth); found {
				return vals, ok
			}
			return s.callerArgs(pkg, fn.Name.Name, i, depth)
		}
	}
	return nil, false
}

func paramIndex(fn *ast.FuncDecl, name string) int {
	i := 0
	for _, field := range fn.Type.Params.List {
		for _, n := range field.Names {
			if n.Name == name {
				return i
			}
			i++
		}
	}
	return -1
}

// switchCases is the case values of the switches on the parameter name in fn: when fn switches
// on it, the cases are the values it notifies for (its default notifies nobody).
func (s *source) switchCases(pkg *srcPkg, fn *ast.FuncDecl, name string, depth int) (vals []string, found, ok bool) {
	ok = true
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		sw, isSwitch := n.(*ast.SwitchStmt)
		if !isSwitch || !isIdent(sw.Tag, name) {
			return true
		}
		found = true
		for _, stmt := range sw.Body.List {
			for _, c := range stmt.(*ast.CaseClause).List {
				v, cok := s.values(pkg, fn, c, depth+1)
				vals, ok = append(vals, v...), ok && cok
			}
		}
		return true
	})
	return vals, found, ok
}

// callerArgs is every value the callers of the function (or method) named fn pass as its
// argument i, within pkg.
func (s *source) callerArgs(pkg *srcPkg, fn string, i, depth int) ([]string, bool) {
	var vals []string
	ok, calls := true, 0
	for _, f := range pkg.files {
		for _, decl := range f.Decls {
			caller, isFunc := decl.(*ast.FuncDecl)
			if !isFunc || caller.Body == nil {
				continue
			}
			ast.Inspect(caller.Body, func(n ast.Node) bool {
				call, isCall := n.(*ast.CallExpr)
				if !isCall || i >= len(call.Args) {
					return true
				}
				switch f := call.Fun.(type) {
				case *ast.Ident:
					if f.Name != fn {
						return true
					}
				case *ast.SelectorExpr:
					if f.Sel.Name != fn {
						return true
					}
				default:
					return true
				}
				calls++
				v, cok := s.values(pkg, caller, call.Args[i], depth+1)
				vals, ok = append(vals, v...), ok && cok
				return true
			})
		}
	}
	return vals, ok && calls > 0
}
