package httpx

import "testing"

func TestNegotiateEncoding(t *testing.T) {
	for accept, want := range map[string]string{
		"":                            "",
		"identity":                    "",
		"gzip":                        "gzip",
		"GZIP":                        "gzip",
		"deflate":                     "",
		"gzip, deflate, br":           "br",
		"br;q=0.2, gzip;q=0.8":        "gzip",
		"br;q=0, gzip":                "gzip",
		"*":                           "br",
		"*;q=0":                       "",
		"*, br;q=0":                   "gzip",
		"gzip;q=0, *;q=0.1":           "br",
		"br ; q=1.0 , gzip ; q = 0.5": "br",
		"zstd":                        "",
	} {
		if got := NegotiateEncoding(accept); got != want {
			t.Errorf("NegotiateEncoding(%q) = %q, want %q", accept, got, want)
		}
	}
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                true,
		"application/problem+json":        true,
		"application/yaml; charset=utf-8": true,
		"text/html":                       true,
		"text/javascript; charset=utf-8":  true,
		"application/manifest+json":       true,
		"image/svg+xml":                   true,
		"image/png":                       false,
		"application/pdf":                 false,
		"":                                false,
	} {
		if got := Compressible(ct); got != want {
			t.Errorf("Compressible(%q) = %v", ct, got)
		}
	}
}
