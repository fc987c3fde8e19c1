package testkit

import "github.com/motcuagandan/motcua/backend/internal/httpx"

// ExpectProblem sends r twice, as is (Vietnamese, the default) and with Accept-Language: en,
// fails unless both answer want, and returns both problems.
func (e *Env) ExpectProblem(want int, r Req) (vi, en httpx.Problem) {
	e.T.Helper()
	vi = e.Expect(want, r).Problem(e.T)
	h := map[string]string{"Accept-Language": "en"}
	for k, v := range r.Header {
		h[k] = v
	}
	r.Header = h
	en = e.Expect(want, r).Problem(e.T)
	return vi, en
}
