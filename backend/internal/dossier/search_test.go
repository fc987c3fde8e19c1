package dossier_test

import (
	"net/url"
	"sort"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The console finds a dossier by its code, the applicant's name typed without diacritics or in
// another case, or part of the phone; LIKE's wildcards are literal; other wards never show; a
// citizen's search stays within their own dossiers.
func TestListDossiersSearch(t *testing.T) {
	w := newWorld(t)
	an := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678"})
	binh := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "ĐẶNG THỊ BÌNH", "applicant_phone": "0987000111"})
	mine := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_id": w.citizen.ID})
	other := w.e.NewWard("00071", 1)
	otherOfficer := w.e.NewUser(other, auth.RoleOfficer)
	search := func(u testkit.User, q string) []string {
		t.Helper()
		var l api.DossierList
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers?q=" + url.QueryEscape(q), Token: w.e.Token(u)}).JSON(t, &l)
		out := make([]string, 0, len(l.Items))
		for _, d := range l.Items {
			out = append(out, d.Code)
		}
		sort.Strings(out)
		return out
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"nguyen van", []string{an.Code}},
		{"  NGUYỄN   văn an ", []string{an.Code}},
		{"dang thi binh", []string{binh.Code}},
		{"Bình", []string{binh.Code}},
		{an.Code, []string{an.Code}},
		{an.Code[len(an.Code)-6:], []string{an.Code}},
		{"0987 000", []string{binh.Code}},
		{"345678", []string{an.Code}},
		{"%", nil},
		{"_", nil},
		{"không có ai", nil},
	} {
		got := search(w.officer, c.q)
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("q=%q: %v, want %v", c.q, got, c.want)
		}
	}
	if got := search(w.officer, "   "); len(got) != 3 {
		t.Errorf("a blank search filters: %v", got)
	}
	if got := search(otherOfficer, "nguyen"); len(got) != 0 {
		t.Errorf("another ward's officer finds %v", got)
	}
	if got := search(w.citizen, "nguyen van an"); len(got) != 0 {
		t.Errorf("a citizen finds another person's dossier: %v", got)
	}
	if got := search(w.citizen, mine.Code); len(got) != 1 {
		t.Errorf("a citizen's own dossier by code: %v", got)
	}
	w.e.Expect(400, testkit.Req{Method: "GET", Path: "/v1/dossiers?q=" + url.QueryEscape(string(make([]byte, 101))), Token: w.e.Token(w.officer)})
}

// The counter's documents checklist is what the receipt prints; without it, the procedure's list.
func TestCreateWithDocumentsReceived(t *testing.T) {
	w := newWorld(t)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Lê Văn Ba", "applicant_phone": "0912000333",
		"documents_received": []string{"Tờ khai"}})
	var r api.Receipt
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt", Token: w.e.Token(w.officer)}).JSON(t, &r)
	if len(r.DocumentsReceived) != 1 || r.DocumentsReceived[0] != "Tờ khai" {
		t.Fatalf("receipt lists %v", r.DocumentsReceived)
	}
	d2 := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Lê Văn Ba", "applicant_phone": "0912000333"})
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d2.Id.String() + "/receipt", Token: w.e.Token(w.officer)}).JSON(t, &r)
	if len(r.DocumentsReceived) != 2 {
		t.Fatalf("default receipt lists %v", r.DocumentsReceived)
	}
}
