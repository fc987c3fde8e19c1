package testkit

import (
	"fmt"

	"github.com/valyala/fasthttp"
)

// Decode undoes a response's Content-Encoding (br or gzip, what the server produces). An empty
// body (HEAD, 304) stays empty.
func Decode(encoding string, b []byte) ([]byte, error) {
	switch {
	case len(b) == 0:
		return b, nil
	case encoding == "":
		return b, nil
	case encoding == "br":
		return fasthttp.AppendUnbrotliBytes(nil, b)
	case encoding == "gzip":
		return fasthttp.AppendGunzipBytes(nil, b)
	}
	return nil, fmt.Errorf("unexpected content coding %q", encoding)
}
