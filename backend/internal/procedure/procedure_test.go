package procedure_test

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/seed"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Đăng ký khai sinh":            "dang ky khai sinh",
		"  ĐĂNG   KÝ\tKẾT HÔN ":        "dang ky ket hon",
		"Chứng thực bản sao":           "chung thuc ban sao",
		"Người có công":                "nguoi co cong",
		"đường Nguyễn Huệ":             "duong nguyen hue",
		"Xác nhận tình trạng hôn nhân": "xac nhan tinh trang hon nhan",
		"Đăng ký khai sinh 1.001193":   "dang ky khai sinh 1.001193",
		"Hòa giải tranh chấp đất đai":  "hoa giai tranh chap dat dai",
		"ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳỷỹỵ": "aaaaa aaaaa eeeee ooooo ooooo uuuuu yyyy",
	}
	for in, want := range cases {
		if got := procedure.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	// Composed (NFC) and decomposed (NFD) input fold alike.
	if procedure.Fold("Ky\u0301") != procedure.Fold("Ký") {
		t.Error("decomposed input folds differently")
	}
}

// world is a test's two wards: A with the demo catalogue and its staff, B with a catalogue of
// its own.
type world struct {
	e                            *testkit.Env
	a, b                         testkit.Ward
	adminA, officerA, citizenA   testkit.User
	volunteerA, adminB, officerB testkit.User
}

func newWorld(t *testing.T) *world {
	t.Helper()
	e := testkit.New(t)
	w := &world{e: e, a: e.NewWard("26734", 1), b: e.NewWard("00070", 1)}
	w.adminA, w.officerA = e.NewUser(w.a, auth.RoleAdmin), e.NewUser(w.a, auth.RoleOfficer)
	w.citizenA, w.volunteerA = e.NewUser(w.a, auth.RoleCitizen), e.NewUser(w.a, auth.RoleVolunteer)
	w.adminB, w.officerB = e.NewUser(w.b, auth.RoleAdmin), e.NewUser(w.b, auth.RoleOfficer)
	if err := procedure.Seed(t.Context(), e.Pool, w.a.ID, seed.Procedures, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := procedure.Seed(t.Context(), e.Pool, w.b.ID, seed.Procedures[:3], e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	return w
}

// list fetches one page anonymously.
func (w *world) list(t *testing.T, ward string, query url.Values) api.ProcedureList {
	t.Helper()
	query.Set("ward_code", ward)
	var out api.ProcedureList
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures?" + query.Encode()}).JSON(t, &out)
	return out
}

func codes(list []api.Procedure) []string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		out = append(out, p.Code)
	}
	slices.Sort(out)
	return out
}

// Search ignores diacritics and case and needs every word; filters narrow; no token needed.
func TestPublicSearchAndFilters(t *testing.T) {
	w := newWorld(t)

	birth := w.list(t, w.a.Code, url.Values{"q": {"dang ky khai sinh"}})
	if got := codes(birth.Items); !slices.Equal(got, []string{"1.001193", "1.004884"}) { // khai sinh, đăng ký lại khai sinh
		t.Fatalf(`"dang ky khai sinh" found %v`, got)
	}
	cert := w.list(t, w.a.Code, url.Values{"q": {"CHUNG THUC"}})
	if got := codes(cert.Items); !slices.Equal(got, []string{"2.000815", "2.000884", "2.001019", "2.001035"}) {
		t.Fatalf(`"CHUNG THUC" found %v`, got)
	}
	for q, want := range map[string][]string{
		"Đăng ký KẾT hôn":   {"1.000894"},
		"ket   hon dang":    {"1.000894"}, // any order, extra spaces
		"1.001193":          {"1.001193"}, // the code is searchable too
		"cha me con":        {"1.001022"}, // punctuation in the name does not get in the way
		"khai sinh kết hôn": {},           // every word must match
		"%":                 {},           // LIKE wildcards are literal
		"_":                 {},
	} {
		if got := codes(w.list(t, w.a.Code, url.Values{"q": {q}}).Items); !slices.Equal(got, want) {
			t.Errorf("q=%q found %v, want %v", q, got, want)
		}
	}

	var wantField, wantPostal, wantBoth []string
	for _, p := range seed.Procedures {
		if p.Field == "Chứng thực" {
			wantField = append(wantField, p.Code)
		}
		if p.Allows(procedure.ChannelPostalReturn) {
			wantPostal = append(wantPostal, p.Code)
			if p.Field == "Chứng thực" {
				wantBoth = append(wantBoth, p.Code)
			}
		}
	}
	slices.Sort(wantField)
	slices.Sort(wantPostal)
	slices.Sort(wantBoth)
	if got := codes(w.list(t, w.a.Code, url.Values{"field": {"Chứng thực"}, "limit": {"100"}}).Items); !slices.Equal(got, wantField) {
		t.Errorf("field=Chứng thực: %v, want %v", got, wantField)
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"channel": {"postal_return"}, "limit": {"100"}}).Items); !slices.Equal(got, wantPostal) {
		t.Errorf("channel=postal_return: %v, want %v", got, wantPostal)
	}
	if len(wantPostal) == len(seed.Procedures) || len(wantBoth) == len(wantField) {
		t.Fatal("the demo catalogue no longer exercises the filters")
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"field": {"Chứng thực"}, "channel": {"postal_return"}}).Items); !slices.Equal(got, wantBoth) {
		t.Errorf("field and channel: %v, want %v", got, wantBoth)
	}

	// One procedure, publicly; unknown ids and wards are 404.
	var one api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures/" + birth.Items[0].Id.String()}).JSON(t, &one)
	if one.Code != birth.Items[0].Code || one.WardId != w.a.ID || len(one.RequiredDocuments) == 0 || len(one.Channels) == 0 {
		t.Fatalf("procedure = %+v", one)
	}
	w.e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: "/v1/procedures/" + uuid.New().String()})
	w.e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=99999"})
}

// Paging through the catalogue visits every active procedure once, in (field, name, id) order.
func TestPaginationVisitsEveryProcedureOnce(t *testing.T) {
	w := newWorld(t)
	var all []api.Procedure
	cursor, pages := "", 0
	for {
		q := url.Values{"limit": {"3"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		page := w.list(t, w.a.Code, q)
		pages++
		all = append(all, page.Items...)
		if page.NextCursor == nil {
			break
		}
		if len(page.Items) != 3 || pages > 20 {
			t.Fatalf("page %d has %d items and a next cursor", pages, len(page.Items))
		}
		cursor = *page.NextCursor
	}
	if len(all) != len(seed.Procedures) {
		t.Fatalf("visited %d procedures in %d pages, want %d", len(all), pages, len(seed.Procedures))
	}
	seen := map[uuid.UUID]bool{}
	for _, p := range all {
		if seen[p.Id] {
			t.Fatalf("%s (%s) listed twice", p.Code, p.Name)
		}
		seen[p.Id] = true
	}
	sorted := slices.IsSortedFunc(all, func(x, y api.Procedure) int {
		return cmp.Or(strings.Compare(x.Field, y.Field), strings.Compare(x.Name, y.Name), strings.Compare(x.Id.String(), y.Id.String()))
	})
	if !sorted {
		t.Fatalf("not ordered by field, name: %v", codes(all))
	}
	// A cursor from another ward's list is refused rather than misread.
	w.e.Expect(http.StatusBadRequest, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=" + w.b.Code + "&cursor=" + cursor})
}

// An admin adds to and changes their own ward's catalogue; each change is audited.
func TestAdminCreatesAndUpdates(t *testing.T) {
	w := newWorld(t)
	var created api.Procedure
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": " 1.003005 ", "name": "  Xác nhận   thông tin  cư trú ", "field": "Cư trú", "processing_days": 2, "cutoff_hour": 16,
		"fee_vnd": 0, "required_documents": []string{" Tờ khai  thay đổi thông tin cư trú "}, "channels": []string{"counter", "online"},
	}}).JSON(t, &created)
	if created.Code != "1.003005" || created.Name != "Xác nhận thông tin cư trú" || created.WardId != w.a.ID || !created.Active ||
		created.CutoffHour == nil || *created.CutoffHour != 16 || !slices.Equal(created.RequiredDocuments, []string{"Tờ khai thay đổi thông tin cư trú"}) {
		t.Fatalf("created = %+v", created)
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"q": {"xac nhan cu tru"}}).Items); !slices.Equal(got, []string{"1.003005"}) {
		t.Fatalf("search for the new procedure: %v", got)
	}

	// The same code again in the same ward: 409 naming the field; nothing more written.
	p := w.e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": "1.003005", "name": "Khác", "field": "Cư trú", "processing_days": 1, "channels": []string{"counter"},
	}}).Problem(t)
	if p.Code != "procedure_code_taken" || len(p.Errors) != 1 || p.Errors[0].Field != "code" || p.Errors[0].Message == "" {
		t.Fatalf("duplicate code problem = %+v", p)
	}
	// Codes are unique per ward only.
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminB.Token, Body: map[string]any{
		"code": "1.003005", "name": "Xác nhận thông tin cư trú", "field": "Cư trú", "processing_days": 2, "channels": []string{"counter"},
	}})

	// A partial update changes only what it names and re-indexes the name for search.
	var updated api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + created.Id.String(), Token: w.adminA.Token,
		Body: map[string]any{"name": "Cấp giấy xác nhận cư trú", "processing_days": 1, "channels": []string{"counter", "postal_return"}}}).JSON(t, &updated)
	if updated.Name != "Cấp giấy xác nhận cư trú" || updated.ProcessingDays != 1 || updated.Field != "Cư trú" || updated.Code != "1.003005" ||
		updated.CutoffHour == nil || *updated.CutoffHour != 16 || len(updated.RequiredDocuments) != 1 ||
		!slices.Equal(updated.Channels, []api.ProcedureChannel{"counter", "postal_return"}) {
		t.Fatalf("updated = %+v", updated)
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"q": {"cap giay xac nhan cu tru"}}).Items); !slices.Equal(got, []string{"1.003005"}) {
		t.Fatalf("search by the new name: %v", got)
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"q": {"thong tin cu tru"}}).Items); len(got) != 0 {
		t.Fatalf("the old name still matches: %v", got)
	}

	// Deactivated: gone from the catalogue, still readable by id (old dossiers point to it).
	w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + created.Id.String(), Token: w.adminA.Token,
		Body: map[string]any{"active": false}}).JSON(t, &updated)
	if updated.Active || updated.Name != "Cấp giấy xác nhận cư trú" {
		t.Fatalf("deactivated = %+v", updated)
	}
	if got := codes(w.list(t, w.a.Code, url.Values{"field": {"Cư trú"}}).Items); len(got) != 0 {
		t.Fatalf("inactive procedure listed: %v", got)
	}
	var again api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures/" + created.Id.String()}).JSON(t, &again)
	if again.Active {
		t.Fatal("GET shows the procedure active")
	}

	if n := w.e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'procedure.create' AND actor_id = $2", created.Id, w.adminA.ID); n != 1 {
		t.Fatalf("create audit events = %d", n)
	}
	if n := w.e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'procedure.update' AND ward_id = $2", created.Id, w.a.ID); n != 2 {
		t.Fatalf("update audit events = %d", n)
	}
}

// Only admins change the catalogue, and only their own ward's.
func TestRolesAndWardIsolation(t *testing.T) {
	w := newWorld(t)
	target := w.list(t, w.a.Code, url.Values{"q": {"khai tu"}}).Items[0]
	body := map[string]any{"code": "9.999999", "name": "Thử", "field": "Thử", "processing_days": 1, "channels": []string{"counter"}}
	for _, u := range []testkit.User{w.officerA, w.citizenA, w.volunteerA} {
		if p := w.e.Expect(http.StatusForbidden, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: u.Token, Body: body}).Problem(t); p.Code != "forbidden" {
			t.Fatalf("%s create: %+v", u.Role, p)
		}
		w.e.Expect(http.StatusForbidden, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + target.Id.String(), Token: u.Token,
			Body: map[string]any{"active": false}})
	}
	w.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/procedures", Body: body})
	w.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + target.Id.String(), Body: map[string]any{"active": false}})

	// Ward B's admin cannot see or touch ward A's procedure: 404, and it is unchanged.
	w.e.Expect(http.StatusNotFound, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + target.Id.String(), Token: w.adminB.Token,
		Body: map[string]any{"name": "Đổi tên", "active": false}})
	var after api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures/" + target.Id.String()}).JSON(t, &after)
	if after.Name != target.Name || !after.Active {
		t.Fatalf("ward A's procedure changed by ward B: %+v", after)
	}
	if n := w.e.Count("SELECT count(*) FROM procedures WHERE code = '9.999999'"); n != 0 {
		t.Fatalf("refused creates wrote %d rows", n)
	}

	// Ward B's catalogue is its own: none of ward A's procedures, even with the same codes.
	listB := w.list(t, w.b.Code, url.Values{"limit": {"100"}})
	if len(listB.Items) != 3 {
		t.Fatalf("ward B lists %d procedures, want 3", len(listB.Items))
	}
	for _, p := range listB.Items {
		if p.WardId != w.b.ID {
			t.Fatalf("ward B's list shows %s of ward %s", p.Code, p.WardId)
		}
	}
	for _, p := range w.list(t, w.b.Code, url.Values{"q": {"khai tu"}}).Items {
		if p.Id == target.Id {
			t.Fatal("ward B's search shows ward A's procedure")
		}
	}
}

// Input that breaks the rules is 422 with an error per field, and nothing is written.
func TestBadInputIsRefusedAndNothingWritten(t *testing.T) {
	w := newWorld(t)
	before := w.e.Count("SELECT count(*) FROM procedures")
	fieldsOf := func(res *testkit.Response) map[string]string {
		p := res.Problem(t)
		if p.Code != "validation_failed" {
			t.Fatalf("problem = %+v", p)
		}
		out := map[string]string{}
		for _, f := range p.Errors {
			out[f.Field] = f.Code
		}
		return out
	}
	got := fieldsOf(w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token,
		Body: map[string]any{"code": "1 001", "name": "   ", "field": "Hộ tịch", "processing_days": 1,
			"required_documents": []string{"Tờ khai", " \u00a0 "}, "channels": []string{"counter", "online", "counter"}}}))
	want := map[string]string{"code": "invalid_procedure_code", "name": "blank", "required_documents/1": "blank", "channels/2": "duplicate_channel"}
	for f, c := range want {
		if got[f] != c {
			t.Errorf("field %s: code %q, want %q (all: %v)", f, got[f], c, got)
		}
	}
	// Out-of-range numbers are refused by the contract before the handler.
	for _, body := range []map[string]any{
		{"code": "1.000001", "name": "A", "field": "B", "processing_days": 1, "cutoff_hour": 0, "channels": []string{"counter"}},
		{"code": "1.000001", "name": "A", "field": "B", "processing_days": 1, "cutoff_hour": 24, "channels": []string{"counter"}},
	} {
		if got := fieldsOf(w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: body})); got["cutoff_hour"] == "" {
			t.Errorf("cutoff %v: errors %v", body["cutoff_hour"], got)
		}
	}

	target := w.list(t, w.a.Code, url.Values{"q": {"khai tu"}}).Items[0]
	got = fieldsOf(w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PATCH", Path: "/v1/procedures/" + target.Id.String(), Token: w.adminA.Token,
		Body: map[string]any{"name": " ", "field": "Hộ tịch mới", "channels": []string{"online", "online"}}}))
	if got["name"] != "blank" || got["channels/1"] != "duplicate_channel" || len(got) != 2 {
		t.Errorf("patch errors = %v", got)
	}
	var after api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures/" + target.Id.String()}).JSON(t, &after)
	if after.Field != target.Field || after.Name != target.Name {
		t.Fatalf("refused patch changed the procedure: %+v", after)
	}
	if n := w.e.Count("SELECT count(*) FROM procedures"); n != before {
		t.Fatalf("procedures %d → %d", before, n)
	}
	if n := w.e.Count("SELECT count(*) FROM audit_events WHERE action LIKE 'procedure.%'"); n != 0 {
		t.Fatalf("%d audit events for refused changes", n)
	}
}

// rawField is a top-level member of a JSON object as sent, so null and absent can be told apart.
func rawField(t *testing.T, res *testkit.Response, name string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(res.Body, &m); err != nil {
		t.Fatal(err)
	}
	v, ok := m[name]
	if !ok {
		return "(absent)"
	}
	return string(v)
}

// A fee the province sets may be unknown: null (never 0, which means free) from create to read;
// day_count defaults to working days and may say calendar days.
func TestUnknownFeeAndDayCount(t *testing.T) {
	w := newWorld(t)
	res := w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": "1.000001", "name": "Thủ tục A", "field": "Thử", "processing_days": 3, "channels": []string{"counter"}}})
	if fee, count := rawField(t, res, "fee_vnd"), rawField(t, res, "day_count"); fee != "null" || count != `"working"` {
		t.Fatalf("created without fee: fee_vnd %s, day_count %s", fee, count)
	}
	res = w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": "1.000002", "name": "Thủ tục B", "field": "Thử", "processing_days": 30, "day_count": "calendar", "fee_vnd": 0,
		"fee_note": " ", "channels": []string{"counter"}}})
	if note := rawField(t, res, "fee_note"); note != "(absent)" {
		t.Fatalf("a blank fee_note is kept: %s", note)
	}
	var free api.Procedure
	res.JSON(t, &free)
	if free.FeeVnd == nil || *free.FeeVnd != 0 || free.DayCount != api.ProcedureDayCountCalendar {
		t.Fatalf("created free, calendar days: %+v", free)
	}
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": "1.000003", "name": "Thủ tục C", "field": "Thử", "processing_days": 1, "fee_vnd": nil, "channels": []string{"counter"}}})
	if n := w.e.Count("SELECT count(*) FROM procedures WHERE ward_id = $1 AND code IN ('1.000001', '1.000003') AND fee_vnd IS NULL AND day_count = 'working'", w.a.ID); n != 2 {
		t.Fatalf("%d procedures stored with an unknown fee, want 2", n)
	}

	// The demo catalogue: the land dispute mediation counts calendar days (Luật Đất đai 2024,
	// Điều 235); a fee the province sets is null; a registration the law exempts is 0.
	for code, want := range map[string][2]string{
		"1.013975": {"0", `"calendar"`},   // Hòa giải tranh chấp đất đai
		"1.004884": {"null", `"working"`}, // Đăng ký lại khai sinh: fee set by the province
		"1.001193": {"0", `"working"`},    // Đăng ký khai sinh: exempt (Luật Hộ tịch, Điều 11)
		"2.000635": {"8000", `"working"`}, // Cấp bản sao trích lục hộ tịch, per copy
	} {
		item := w.list(t, w.a.Code, url.Values{"q": {code}}).Items
		if len(item) != 1 {
			t.Fatalf("%s: %d found", code, len(item))
		}
		res := w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures/" + item[0].Id.String()})
		if fee, count := rawField(t, res, "fee_vnd"), rawField(t, res, "day_count"); fee != want[0] || count != want[1] {
			t.Errorf("%s: fee_vnd %s, day_count %s, want %v", code, fee, count, want)
		}
		if note := rawField(t, res, "fee_note"); (code == "2.000635") != (note == `"mỗi bản sao"`) {
			t.Errorf("%s: fee_note %s", code, note)
		}
	}
}

// PATCH tells absent from null: absent leaves a field as it is, an explicit null clears a nullable
// one (cutoff_hour, fee_vnd); invalid values are 422 and change nothing.
func TestPatchClearsNullableFields(t *testing.T) {
	w := newWorld(t)
	var p api.Procedure
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token, Body: map[string]any{
		"code": "1.000010", "name": "Thủ tục", "field": "Thử", "processing_days": 2, "cutoff_hour": 15, "fee_vnd": 20000,
		"channels": []string{"counter"}}}).JSON(t, &p)
	path := "/v1/procedures/" + p.Id.String()
	patch := func(body any) *testkit.Response {
		return w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: w.adminA.Token, Body: body})
	}
	state := func(res *testkit.Response) string {
		return rawField(t, res, "cutoff_hour") + " " + rawField(t, res, "fee_vnd") + " " + rawField(t, res, "day_count")
	}
	steps := []struct {
		body string
		want string
	}{
		{`{"name": "Thủ tục mới"}`, `15 20000 "working"`}, // absent: unchanged
		{`{}`, `15 20000 "working"`},
		{`{"cutoff_hour": null}`, `(absent) 20000 "working"`}, // cleared (a null cut-off is left out, as before)
		{`{"fee_vnd": null}`, `(absent) null "working"`},      // unknown fee: null, not 0
		{`{"processing_days": 3}`, `(absent) null "working"`},
		{`{"cutoff_hour": 14, "fee_vnd": 0}`, `14 0 "working"`}, // set again; 0 is free, not unknown
		{`{"day_count": "calendar"}`, `14 0 "calendar"`},
		{`{"name": "Tên thứ ba"}`, `14 0 "calendar"`}, // absent day_count stays calendar
		{`{"cutoff_hour": null, "fee_vnd": null, "day_count": "working"}`, `(absent) null "working"`},
	}
	for _, s := range steps {
		if got := state(patch(s.body)); got != s.want {
			t.Fatalf("PATCH %s: %s, want %s", s.body, got, s.want)
		}
	}
	if n := w.e.Count("SELECT count(*) FROM procedures WHERE id = $1 AND cutoff_hour IS NULL AND fee_vnd IS NULL", p.Id); n != 1 {
		t.Fatal("the cleared fields are not NULL in the table")
	}
	if n := w.e.Count(`SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'procedure.update'
		AND detail ? 'fee_vnd' AND detail->'fee_vnd' = 'null'::jsonb`, p.Id); n != 2 {
		t.Fatalf("%d audit events record the fee cleared, want 2", n)
	}

	// The words beside the fee: cleaned, kept when absent, removed by null or blank.
	note := func(body string) string { return rawField(t, patch(body), "fee_note") }
	for _, s := range []struct{ body, want string }{
		{`{"fee_vnd": 2000, "fee_note": "  mỗi   trang "}`, `"mỗi trang"`},
		{`{"fee_vnd": 3000}`, `"mỗi trang"`},
		{`{"fee_note": null}`, `(absent)`},
		{`{"fee_note": "mỗi bản sao"}`, `"mỗi bản sao"`},
		{`{"fee_note": "   "}`, `(absent)`},
	} {
		if got := note(s.body); got != s.want {
			t.Fatalf("PATCH %s: fee_note %s, want %s", s.body, got, s.want)
		}
	}

	w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: w.adminA.Token, Body: `{"cutoff_hour": 16, "fee_vnd": 5000, "fee_note": "mỗi bản"}`})
	audits := w.e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1", p.Id)
	for body, field := range map[string]string{
		`{"fee_vnd": -1}`:                                  "fee_vnd",
		`{"fee_vnd": "mười nghìn"}`:                        "fee_vnd",
		`{"fee_vnd": 1.5}`:                                 "fee_vnd",
		`{"cutoff_hour": 0}`:                               "cutoff_hour",
		`{"cutoff_hour": 24}`:                              "cutoff_hour",
		`{"cutoff_hour": "15"}`:                            "cutoff_hour",
		`{"day_count": "weekly"}`:                          "day_count",
		`{"day_count": null}`:                              "day_count",
		`{"processing_days": null}`:                        "processing_days",
		`{"name": "A", "fee_vnd": -100000}`:                "fee_vnd",
		`{"fee_note": "` + strings.Repeat("ă", 201) + `"}`: "fee_note",
		`{"fee_note": 5}`:                                  "fee_note",
	} {
		res := w.e.Do(testkit.Req{Method: "PATCH", Path: path, Token: w.adminA.Token, Body: body})
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("PATCH %s: %d %s", body, res.Status, res.Body)
			continue
		}
		pr := res.Problem(t)
		found := false
		for _, f := range pr.Errors {
			found = found || f.Field == field
		}
		if pr.Code != "validation_failed" || !found {
			t.Errorf("PATCH %s: %+v, want an error on %s", body, pr, field)
		}
	}
	for _, body := range []string{`{"fee_vnd": -1}`, `{"day_count": "weekly"}`} {
		w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: w.adminA.Token,
			Body: strings.TrimSuffix(body, "}") + `, "code": "1.000011", "name": "X", "field": "Y", "processing_days": 1, "channels": ["counter"]}`})
	}
	var after api.Procedure
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path}).JSON(t, &after)
	if after.CutoffHour == nil || *after.CutoffHour != 16 || after.FeeVnd == nil || *after.FeeVnd != 5000 || after.Name != "Tên thứ ba" ||
		after.FeeNote == nil || *after.FeeNote != "mỗi bản" {
		t.Fatalf("refused patches changed the procedure: %+v", after)
	}
	if n := w.e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1", p.Id); n != audits {
		t.Fatalf("refused patches wrote %d audit events", n-audits)
	}
	if n := w.e.Count("SELECT count(*) FROM procedures WHERE code = '1.000011'"); n != 0 {
		t.Fatal("a refused create wrote a procedure")
	}
}
