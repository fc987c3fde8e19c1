package procedure

import "testing"

func TestFeeText(t *testing.T) {
	fee := func(v int64) *int64 { return &v }
	cases := []struct {
		fee    *int64
		vi, en string
	}{
		{nil, "theo quy định của tỉnh", "as set by the province"}, // unknown: never 0
		{fee(0), "Miễn phí", "Free"},
		{fee(500), "500 đồng", "500 VND"},
		{fee(8000), "8.000 đồng", "8,000 VND"},
		{fee(100000), "100.000 đồng", "100,000 VND"},
		{fee(1234567), "1.234.567 đồng", "1,234,567 VND"},
	}
	for _, c := range cases {
		if got := FeeText(c.fee); got.VI != c.vi || got.EN != c.en {
			t.Errorf("FeeText(%v) = %+v, want %q / %q", c.fee, got, c.vi, c.en)
		}
	}
}
