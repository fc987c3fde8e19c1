package mobile

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gomobile bind accepts only some types in exported signatures; check every exported function
// and method of this package so the Android/iOS build never breaks on a new one.
func TestExportedAPIIsGomobileCompatible(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	entries, _ := os.ReadDir(".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			f, err := parser.ParseFile(fset, filepath.Join(".", e.Name()), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/motcuagandan/motcua/mobile-bridge/mobile", fset, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	allowed := func(ty types.Type) bool {
		switch u := ty.(type) {
		case *types.Basic:
			switch u.Kind() {
			case types.String, types.Bool, types.Int, types.Int32, types.Int64, types.Float32, types.Float64:
				return true
			}
		case *types.Slice:
			b, ok := u.Elem().(*types.Basic)
			return ok && b.Kind() == types.Byte
		case *types.Named:
			return u.Obj().Name() == "error" && u.Obj().Pkg() == nil
		case *types.Pointer:
			n, ok := u.Elem().(*types.Named)
			return ok && n.Obj().Pkg() == pkg && n.Obj().Exported()
		}
		return false
	}
	check := func(name string, sig *types.Signature) {
		for i := 0; i < sig.Params().Len(); i++ {
			if !allowed(sig.Params().At(i).Type()) {
				t.Errorf("%s: parameter %s has type %s, which gomobile cannot bind", name, sig.Params().At(i).Name(), sig.Params().At(i).Type())
			}
		}
		if sig.Results().Len() > 2 || sig.Results().Len() == 2 && sig.Results().At(1).Type().String() != "error" {
			t.Errorf("%s: gomobile allows one result, optionally followed by error", name)
		}
		for i := 0; i < sig.Results().Len(); i++ {
			if !allowed(sig.Results().At(i).Type()) {
				t.Errorf("%s: result of type %s, which gomobile cannot bind", name, sig.Results().At(i).Type())
			}
		}
	}
	checked := 0
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.Func:
			check(name, o.Type().(*types.Signature))
			checked++
		case *types.TypeName:
			st, ok := o.Type().Underlying().(*types.Struct)
			if ok {
				for i := 0; i < st.NumFields(); i++ {
					if f := st.Field(i); f.Exported() && !allowed(f.Type()) {
						t.Errorf("%s.%s has type %s, which gomobile cannot bind", name, f.Name(), f.Type())
					}
				}
			}
			ms := types.NewMethodSet(types.NewPointer(o.Type()))
			for i := 0; i < ms.Len(); i++ {
				if m := ms.At(i).Obj(); m.Exported() {
					check(name+"."+m.Name(), m.Type().(*types.Signature))
					checked++
				}
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d exported functions found", checked)
	}
}
