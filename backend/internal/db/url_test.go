package db

import "testing"

func TestWithDatabase(t *testing.T) {
	cases := map[string]string{
		"postgres://postgres@127.0.0.1:5432/motcua?sslmode=disable":    "postgres://postgres@127.0.0.1:5432/other?sslmode=disable",
		"postgres://postgres@/?host=/tmp/run&port=54329&dbname=motcua": "postgres://postgres@/?dbname=other&host=%2Ftmp%2Frun&port=54329",
		"host=localhost user=postgres dbname=motcua sslmode=disable":   "host=localhost user=postgres sslmode=disable dbname=other",
		"postgresql://u:p@db.internal:5432/motcua":                     "postgresql://u:p@db.internal:5432/other",
	}
	for in, want := range cases {
		got, err := WithDatabase(in, "other")
		if err != nil || got != want {
			t.Errorf("WithDatabase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
