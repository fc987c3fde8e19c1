package dossier_test

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// vietnameseLetters are the letters fold_vi translates (migration 00017), lower and upper case.
const vietnameseLetters = "àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ"

// The search folds the typed term in Go (procedure.Fold) and the stored names in SQL (fold_vi,
// which the trigram index holds): both must give the same text for every Vietnamese letter, in
// either case, composed or decomposed (keyboards send both), and for a stored name's spacing.
func TestFoldViMatchesProcedureFold(t *testing.T) {
	e := testkit.New(t)
	var in []string
	for _, r := range vietnameseLetters + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" {
		in = append(in, string(r), norm.NFD.String(string(r)), "X"+string(r)+"y")
	}
	in = append(in, "Nguyễn Văn An", "ĐẶNG THỊ BÌNH", norm.NFD.String("Trần Thị Hương Giang"), "  Lê   Văn  Ba ",
		"Hồ 100% Lan_", "2611-7K3Q9M", "G22.99-261201-0001")
	rows, err := e.Pool.Query(context.Background(), "SELECT fold_vi(s) FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n", in)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var sql string
		if err := rows.Scan(&sql); err != nil {
			t.Fatal(err)
		}
		if goFold := procedure.Fold(in[i]); goFold != sql {
			t.Errorf("%q (%U): fold_vi %q, procedure.Fold %q", in[i], []rune(in[i]), sql, goFold)
		}
		i++
	}
	if err := rows.Err(); err != nil || i != len(in) {
		t.Fatalf("%d of %d folded: %v", i, len(in), err)
	}
}

// What the console types finds the same dossiers through the trigram index as it did before:
// a name with or without its diacritics, a phone whole or in part however it is typed, a code or
// portal code fragment in any case, and terms of 1–2 characters (no trigram: the list is walked).
// A term never runs from one field into the next.
func TestListDossiersSearchForms(t *testing.T) {
	w := newWorld(t)
	an := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678"})
	huong := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": norm.NFD.String("Trần Thị Hương"), "applicant_phone": "0987000111"})
	if _, err := w.e.Pool.Exec(context.Background(), "UPDATE dossiers SET portal_code = 'G22.99-261201-000123' WHERE code = $1", huong.Code); err != nil {
		t.Fatal(err)
	}
	search := func(q string) string {
		t.Helper()
		var l api.DossierList
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers?q=" + url.QueryEscape(q), Token: w.e.Token(w.officer)}).JSON(t, &l)
		var out []string
		for _, d := range l.Items {
			out = append(out, d.Code)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	both := strings.Join(sortedCodes(an.Code, huong.Code), " ")
	for _, c := range []struct{ q, want string }{
		{"Nguyễn Văn An", an.Code},
		{"NGUYEN VAN AN", an.Code},
		{norm.NFD.String("nguyễn văn"), an.Code},
		{"tran thi huong", huong.Code},
		{"Hương", huong.Code},
		{"0912", an.Code},
		{"912 345", an.Code},
		{"0912 345 678", an.Code},
		{"+84 912 345 678", an.Code},
		{"0987 000 111", huong.Code},
		{strings.ToLower(an.Code), an.Code},
		{an.Code[len(an.Code)-4:], an.Code},
		{"g22.99-261201", huong.Code},
		{"000123", huong.Code},
		// 1–2 characters: letters no code holds (codes leave out I, L, O, U)
		{"uo", huong.Code}, // "Hương"
		{"i", huong.Code},  // "Thị"
		{"u", both},
		{"an nguyen", ""}, // the words' order is kept
		{an.Code[len(an.Code)-2:] + " nguyen", ""}, // the code's end and the name's start
		{"xyz", ""},
		{"an 912", ""}, // a term with letters is no phone number: its digits are not looked up in phones
	} {
		if got := search(c.q); got != c.want {
			t.Errorf("q=%q: %q, want %q", c.q, got, c.want)
		}
	}
}

func sortedCodes(codes ...string) []string {
	sort.Strings(codes)
	return codes
}

// A rare term is looked up in migration 00026's trigram indexes, a common one walks the ward's
// newest dossiers: the list's search expressions are the indexed ones (were they to drift apart,
// every search would walk the whole ward again, as it did before).
func TestSearchUsesTrigramIndexes(t *testing.T) {
	w := newWorld(t)
	an := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678"})
	ctx := context.Background()
	// 3,000 more dossiers of the ward, all "Trần Thị …" with other phones and codes.
	if _, err := w.e.Pool.Exec(ctx, `INSERT INTO dossiers
		SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(), 'code', lpad(i::text, 4, '0') || '-QQQQQQ',
			'applicant_name', 'Trần Thị Hoa ' || i, 'applicant_phone', '+84' || (300000000 + i * 7)::text, 'applicant_id', NULL))).*
		FROM dossiers d, generate_series(1, 3000) AS i WHERE d.code = $1`, an.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.Pool.Exec(ctx, "VACUUM ANALYZE dossiers"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q     string
		index string // the plan reads it
		not   string // the plan does not
	}{
		{"nguyen van an", "dossiers_search_trgm_idx", ""},
		{"0912 345", "dossiers_phone_trgm_idx", ""},
		{an.Code[len(an.Code)-6:], "dossiers_search_trgm_idx", ""},
		{"khong co ai", "dossiers_search_trgm_idx", ""},
		{"tran thi hoa", "", "dossiers_search_trgm_idx"},
	} {
		sql, args := dossier.SearchSQL(w.ward.ID, c.q)
		indexes := w.e.PlanIndexes(t, sql, args...)
		if c.index != "" && !indexes[c.index] {
			t.Errorf("q=%q: plan reads %v, not %s", c.q, indexes, c.index)
		}
		if c.not != "" && indexes[c.not] {
			t.Errorf("q=%q: plan reads %s for a term every dossier matches", c.q, c.not)
		}
	}
}
