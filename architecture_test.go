package topics_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/topics-dev/topics/internal/testutil"
)

// allowedImports is the table of docs/architecture.md: which packages of
// the module each package may import (non-test files).
var allowedImports = map[string][]string{
	".":                   {"corpus", "vectorize", "cluster", "theme", "internal/parallel", "internal/modelcodec", "internal/option", "internal/memory"},
	"corpus":              {},
	"vectorize":           {"internal/parallel", "internal/option", "internal/modelcodec", "internal/simd"},
	"cluster":             {"internal/parallel", "internal/simd"},
	"theme":               {"vectorize", "internal/parallel"},
	"report":              {".", "corpus", "vectorize", "cluster", "theme", "internal/parallel", "internal/option", "internal/textfmt"},
	"report/html":         {"report", ".", "internal/textfmt"},
	"internal/parallel":   {},
	"internal/simd":       {},
	"internal/modelcodec": {},
	"internal/atomicfile": {},
	"internal/option":     {},
	"internal/memory":     {},
	"internal/textfmt":    {},
	"internal/testutil":   {"corpus"},
	"internal/readme":     {},
}

// TestArchitecture checks that no package imports a package of the module
// that docs/architecture.md does not allow it, and that only report/html
// imports gonum/plot.
func TestArchitecture(t *testing.T) {
	root := testutil.Root()
	const module = "github.com/topics-dev/topics"
	for pkg, allowed := range allowedImports {
		dir := filepath.Join(root, pkg)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range f.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				if strings.HasPrefix(path, "gonum.org/v1/plot") && pkg != "report/html" {
					t.Errorf("%s/%s imports %s: only report/html draws", pkg, name, path)
				}
				if path != module && !strings.HasPrefix(path, module+"/") {
					continue
				}
				rel := strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
				if rel == "" {
					rel = "."
				}
				if !slices.Contains(allowed, rel) {
					t.Errorf("%s/%s imports %s, which docs/architecture.md does not allow it", pkg, name, rel)
				}
			}
		}
	}
}
