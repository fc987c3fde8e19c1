package dossier

import (
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

func vnAt(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Location)
	if err != nil {
		panic(err)
	}
	return t
}

// The letter goes out no later than the working day before the due date (Nghị định 61/2018 Điều
// 12, kept by 118/2025); lastDay is that working day at midnight, as PreviousWorkingDay gives it.
func TestApologyInTime(t *testing.T) {
	lastDay := vnAt("2026-11-27 00:00") // due Monday 30/11: the letter by Friday 27/11
	cases := []struct {
		now  string
		want bool
	}{
		{"2026-11-20 10:00", true},
		{"2026-11-27 00:00", true},
		{"2026-11-27 23:59", true},
		{"2026-11-28 00:00", false}, // Saturday: past the last working day
		{"2026-11-30 08:00", false}, // the due day itself
		{"2026-12-01 08:00", false}, // overdue
	}
	for _, c := range cases {
		if got := ApologyInTime(lastDay, vnAt(c.now)); got != c.want {
			t.Errorf("at %s: %v, want %v", c.now, got, c.want)
		}
	}
	// Read in Vietnam: 17:30 UTC on Friday is already Saturday 00:30 in Hà Nội.
	if ApologyInTime(lastDay, time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC)) {
		t.Error("Saturday in Vietnam counted as Friday")
	}
}

func TestOfficeName(t *testing.T) {
	custom := "Bộ phận một cửa UBND phường Bến Thành"
	for _, c := range []struct {
		ward string
		set  *string
		want string
	}{
		{"Phường Bến Thành", nil, "Trung tâm Phục vụ hành chính công phường Bến Thành"},
		{"Xã Bình Chánh", nil, "Trung tâm Phục vụ hành chính công xã Bình Chánh"},
		{"Côn Đảo", nil, "Trung tâm Phục vụ hành chính công Côn Đảo"},
		{"Phường Bến Thành", &custom, custom},
	} {
		if got := officeName(c.ward, c.set); got != c.want {
			t.Errorf("%s: %q, want %q", c.ward, got, c.want)
		}
	}
}

func TestPortalCodeShape(t *testing.T) {
	for code, ok := range map[string]bool{
		"000.00.26.H29-261123-0001": true, "H29.26734-260105-12345": true,
		"": false, "H29-2611-0001": false, "H29-261123-01": false, "H 29-261123-0001": false, "<b>-261123-0001": false,
	} {
		if validPortalCode(code) != ok {
			t.Errorf("%q: valid %v", code, !ok)
		}
	}
}

func TestVND(t *testing.T) {
	for n, want := range map[int64]string{0: "0 đồng", 8000: "8.000 đồng", 1500000: "1.500.000 đồng", 999: "999 đồng"} {
		if got := vnd(n); got != want {
			t.Errorf("%d: %q", n, got)
		}
	}
}
