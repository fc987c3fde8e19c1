package procedure

import (
	"encoding/json"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
)

// apply reads a PATCH as sent: an absent field stays, an explicit null clears a nullable one.
func TestApplyTellsAbsentFromNull(t *testing.T) {
	fee, cut := int64(20000), 15
	base := Procedure{Code: "1.000001", Name: "A", Field: "B", ProcessingDays: 2, DayCount: DayCountWorking, CutoffHour: &cut, FeeVND: &fee}
	show := func(p *int) any {
		if p == nil {
			return nil
		}
		return *p
	}
	show64 := func(p *int64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	cases := []struct {
		body          string
		cutoff, fee   any
		dayCount      string
		changedFields []string
	}{
		{`{}`, 15, int64(20000), "working", nil},
		{`{"name": "C"}`, 15, int64(20000), "working", []string{"name"}},
		{`{"cutoff_hour": null}`, nil, int64(20000), "working", []string{"cutoff_hour"}},
		{`{"fee_vnd": null}`, 15, nil, "working", []string{"fee_vnd"}},
		{`{"fee_vnd": 0, "cutoff_hour": 9}`, 9, int64(0), "working", []string{"fee_vnd", "cutoff_hour"}},
		{`{"day_count": "calendar"}`, 15, int64(20000), "calendar", []string{"day_count"}},
	}
	for _, c := range cases {
		var patch api.ProcedurePatch
		if err := json.Unmarshal([]byte(c.body), &patch); err != nil {
			t.Fatal(err)
		}
		got, changed := apply(base, patch)
		if show(got.CutoffHour) != c.cutoff || show64(got.FeeVND) != c.fee || got.DayCount != c.dayCount {
			t.Errorf("%s: cutoff %v, fee %v, day_count %s", c.body, show(got.CutoffHour), show64(got.FeeVND), got.DayCount)
		}
		if len(changed) != len(c.changedFields)+1 { // + the code, always recorded
			t.Errorf("%s: changed %v, want %v", c.body, changed, c.changedFields)
		}
		for _, f := range c.changedFields {
			if _, ok := changed[f]; !ok {
				t.Errorf("%s: %s not recorded as changed (%v)", c.body, f, changed)
			}
		}
	}
	if *base.CutoffHour != 15 || *base.FeeVND != 20000 {
		t.Fatal("apply changed the procedure it was given")
	}
}

// clean: day_count working by default, only working or calendar; an unknown fee is allowed, a
// negative one is not.
func TestCleanDayCountAndFee(t *testing.T) {
	neg, zero := int64(-1), int64(0)
	cases := []struct {
		dayCount string
		fee      *int64
		want     map[string]string
	}{
		{"", nil, map[string]string{}},
		{DayCountCalendar, &zero, map[string]string{}},
		{"weekly", nil, map[string]string{"day_count": "invalid_value"}},
		{DayCountWorking, &neg, map[string]string{"fee_vnd": "too_small"}},
	}
	for _, c := range cases {
		p := Procedure{Code: "1.000001", Name: "A", Field: "B", DayCount: c.dayCount, FeeVND: c.fee, Channels: []string{ChannelCounter}}
		got := map[string]string{}
		for _, f := range clean(&p) {
			got[f.Name] = f.Code
		}
		if len(got) != len(c.want) {
			t.Errorf("day_count %q fee %v: %v, want %v", c.dayCount, c.fee, got, c.want)
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("day_count %q fee %v: %v, want %v", c.dayCount, c.fee, got, c.want)
			}
		}
		if c.dayCount == "" && p.DayCount != DayCountWorking {
			t.Errorf("empty day_count cleaned to %q", p.DayCount)
		}
	}
}
