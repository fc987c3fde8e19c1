package procedure

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/oapi-codegen/nullable"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/procedure/proceduredb"
)

// Limits of a catalogue entry (the contract and the table say the same).
const (
	maxCode      = 60
	maxName      = 300
	maxField     = 100
	maxDocument  = 300
	maxDocuments = 50
	maxDays      = 365
	maxFeeNote   = 200
)

// Channels lists every channel a procedure may allow.
var Channels = []string{ChannelCounter, ChannelOnline, ChannelHomePickup, ChannelSaturdaySession, ChannelPostalReturn, ChannelPostal}

// codePattern is what a national procedure code looks like (e.g. 1.001193); the table checks it too.
var codePattern = regexp.MustCompile(`^[0-9A-Za-z.\-]{3,60}$`)

// uniqueCode is the constraint that keeps a code once per ward.
const uniqueCode = "procedures_ward_id_code_key"

func init() {
	httpx.Register(map[string]httpx.Text{
		"procedure_code_taken": {VI: "Mã thủ tục đã có trong danh mục của phường/xã", EN: "This procedure code is already in the ward's catalogue"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"procedure_code_taken":   {VI: "Mã thủ tục đã có trong danh mục của phường/xã", EN: "This procedure code is already in the ward's catalogue"},
		"invalid_procedure_code": {VI: "Mã thủ tục chỉ gồm chữ số, chữ cái, dấu chấm, gạch ngang (3–60 ký tự), ví dụ 1.001193", EN: "A procedure code has 3–60 digits, letters, dots or dashes, e.g. 1.001193"},
		"duplicate_channel":      {VI: "Kênh này đã được liệt kê", EN: "This channel is listed twice"},
		"channel_required":       {VI: "Cần ít nhất một kênh tiếp nhận", EN: "At least one channel is required"},
		"unknown_ward":           {VI: "Không có phường/xã với mã này", EN: "No ward has this code"},
	})
}

// clean validates p field by field (as the API names them), normalising its texts in place.
func clean(p *Procedure) []fault.Field {
	var fields []fault.Field
	p.Code = strings.TrimSpace(p.Code)
	switch {
	case p.Code == "":
		fields = append(fields, fault.F("code", "blank"))
	case len(p.Code) > maxCode:
		fields = append(fields, fault.F("code", "too_long"))
	case !codePattern.MatchString(p.Code):
		fields = append(fields, fault.F("code", "invalid_procedure_code"))
	}
	var code string
	if p.Name, code = httpx.CheckText(p.Name, maxName); code != "" {
		fields = append(fields, fault.F("name", code))
	}
	if p.Field, code = httpx.CheckText(p.Field, maxField); code != "" {
		fields = append(fields, fault.F("field", code))
	}
	switch {
	case p.ProcessingDays < 0:
		fields = append(fields, fault.F("processing_days", "too_small"))
	case p.ProcessingDays > maxDays:
		fields = append(fields, fault.F("processing_days", "too_large"))
	}
	if p.CutoffHour != nil {
		switch {
		case *p.CutoffHour < 1:
			fields = append(fields, fault.F("cutoff_hour", "too_small"))
		case *p.CutoffHour > 23:
			fields = append(fields, fault.F("cutoff_hour", "too_large"))
		}
	}
	switch {
	case p.DayCount == "":
		p.DayCount = DayCountWorking
	case !slices.Contains(DayCounts, p.DayCount):
		fields = append(fields, fault.F("day_count", "invalid_value"))
	}
	if p.FeeVND != nil && *p.FeeVND < 0 { // nil: set by the province, unknown here
		fields = append(fields, fault.F("fee_vnd", "too_small"))
	}
	if p.FeeNote = httpx.CleanOptional(p.FeeNote); p.FeeNote != nil && utf8.RuneCountInString(*p.FeeNote) > maxFeeNote {
		fields = append(fields, fault.F("fee_note", "too_long"))
	}
	if len(p.RequiredDocuments) > maxDocuments {
		fields = append(fields, fault.F("required_documents", "too_long"))
	}
	docs := make([]string, 0, len(p.RequiredDocuments))
	for i, d := range p.RequiredDocuments {
		d, code := httpx.CheckText(d, maxDocument)
		if code != "" {
			fields = append(fields, fault.F("required_documents/"+strconv.Itoa(i), code))
		}
		docs = append(docs, d)
	}
	p.RequiredDocuments = docs
	if len(p.Channels) == 0 {
		fields = append(fields, fault.F("channels", "channel_required"))
	}
	for i, c := range p.Channels {
		switch {
		case !slices.Contains(Channels, c):
			fields = append(fields, fault.F("channels/"+strconv.Itoa(i), "invalid_value"))
		case slices.Contains(p.Channels[:i], c):
			fields = append(fields, fault.F("channels/"+strconv.Itoa(i), "duplicate_channel"))
		}
	}
	return fields
}

func cutoffParam(h *int) *int32 {
	if h == nil {
		return nil
	}
	v := int32(*h)
	return &v
}

// Create adds a procedure to the caller's ward catalogue.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in api.ProcedureInput) (Procedure, error) {
	if id, ok := idempotency.Committed(ctx, "procedure"); ok {
		return s.Get(ctx, caller.WardID, id)
	}
	p := Procedure{WardID: caller.WardID, Code: in.Code, Name: in.Name, Field: in.Field, ProcessingDays: in.ProcessingDays,
		CutoffHour: in.CutoffHour, FeeVND: in.FeeVnd, FeeNote: in.FeeNote, RequiredDocuments: []string{}, Channels: channelStrings(in.Channels), Active: true}
	if in.DayCount != nil {
		p.DayCount = string(*in.DayCount)
	}
	if in.RequiredDocuments != nil {
		p.RequiredDocuments = *in.RequiredDocuments
	}
	if err := fault.Fields(clean(&p)...); err != nil {
		return Procedure{}, err
	}
	now := s.clock.Now()
	id := uuid.Must(uuid.NewV7())
	var row proceduredb.Procedure
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "procedure", id); err != nil {
			return err
		}
		var err error
		row, err = s.q.WithTx(tx).CreateProcedure(ctx, proceduredb.CreateProcedureParams{
			ID: id, WardID: p.WardID, Code: p.Code, Name: p.Name, SearchText: searchText(p.Name, p.Code),
			Field: p.Field, ProcessingDays: int32(p.ProcessingDays), DayCount: p.DayCount, CutoffHour: cutoffParam(p.CutoffHour),
			FeeVnd: p.FeeVND, FeeNote: p.FeeNote, RequiredDocuments: p.RequiredDocuments, Channels: p.Channels, Now: now,
		})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: p.WardID, ActorID: caller.UserID, Action: "procedure.create",
			TargetType: "procedure", TargetID: row.ID, Detail: map[string]any{"code": p.Code}, At: now})
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == uniqueCode {
		return Procedure{}, &httpx.Error{Status: http.StatusConflict, Code: "procedure_code_taken",
			Fields: []httpx.FieldError{httpx.Field("code", "procedure_code_taken")}}
	}
	if err != nil {
		return Procedure{}, err
	}
	return fromRow(row), nil
}

// Update changes a procedure of the caller's ward; another ward's or an unknown id is 404.
// Only the fields present in the patch change; the code never does.
func (s *Service) Update(ctx context.Context, caller auth.Principal, id uuid.UUID, patch api.ProcedurePatch) (Procedure, error) {
	now := s.clock.Now()
	var out Procedure
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		row, err := q.GetProcedureInWardForUpdate(ctx, proceduredb.GetProcedureInWardForUpdateParams{ID: id, WardID: caller.WardID})
		if errors.Is(err, pgx.ErrNoRows) {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		p, changed := apply(fromRow(row), patch)
		if err := fault.Fields(clean(&p)...); err != nil {
			return err
		}
		row, err = q.UpdateProcedure(ctx, proceduredb.UpdateProcedureParams{
			Name: p.Name, SearchText: searchText(p.Name, p.Code), Field: p.Field, ProcessingDays: int32(p.ProcessingDays),
			DayCount: p.DayCount, CutoffHour: cutoffParam(p.CutoffHour), FeeVnd: p.FeeVND, FeeNote: p.FeeNote, RequiredDocuments: p.RequiredDocuments,
			Channels: p.Channels, Active: p.Active, Now: now, ID: id, WardID: caller.WardID,
		})
		if err != nil {
			return err
		}
		out = fromRow(row)
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "procedure.update",
			TargetType: "procedure", TargetID: id, Detail: changed, At: now})
	})
	if err != nil {
		return Procedure{}, err
	}
	return out, nil
}

// apply returns p with the patch's fields set, and what the patch asked to change (for the audit
// trail). A nullable field absent from the patch stays as it is; an explicit null clears it.
func apply(p Procedure, patch api.ProcedurePatch) (Procedure, map[string]any) {
	changed := map[string]any{"code": p.Code}
	if patch.Name != nil {
		p.Name, changed["name"] = *patch.Name, true
	}
	if patch.Field != nil {
		p.Field, changed["field"] = *patch.Field, true
	}
	if patch.ProcessingDays != nil {
		p.ProcessingDays, changed["processing_days"] = *patch.ProcessingDays, *patch.ProcessingDays
	}
	if patch.DayCount != nil {
		p.DayCount = string(*patch.DayCount)
		changed["day_count"] = p.DayCount
	}
	if patch.CutoffHour.IsSpecified() {
		p.CutoffHour = nullableValue(patch.CutoffHour)
		changed["cutoff_hour"] = p.CutoffHour
	}
	if patch.FeeVnd.IsSpecified() {
		p.FeeVND = nullableValue(patch.FeeVnd)
		changed["fee_vnd"] = p.FeeVND
	}
	if patch.FeeNote.IsSpecified() {
		p.FeeNote, changed["fee_note"] = nullableValue(patch.FeeNote), true
	}
	if patch.RequiredDocuments != nil {
		p.RequiredDocuments, changed["required_documents"] = slices.Clone(*patch.RequiredDocuments), true
	}
	if patch.Channels != nil {
		p.Channels = channelStrings(*patch.Channels)
		changed["channels"] = p.Channels
	}
	if patch.Active != nil {
		p.Active, changed["active"] = *patch.Active, *patch.Active
	}
	return p, changed
}

// nullableValue reads a field the patch names: nil for an explicit null, else a copy of the value.
func nullableValue[T any](n nullable.Nullable[T]) *T {
	if n.IsNull() {
		return nil
	}
	v := n.MustGet()
	return &v
}

func channelStrings(cs []api.ProcedureChannel) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, string(c))
	}
	return out
}

// Public returns any procedure by id (the catalogue is public), active or not.
func (s *Service) Public(ctx context.Context, id uuid.UUID) (Procedure, error) {
	row, err := s.q.GetProcedure(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Procedure{}, httpx.ErrNotFound
	}
	if err != nil {
		return Procedure{}, err
	}
	return fromRow(row), nil
}

// Filter narrows a catalogue listing.
type Filter struct {
	WardCode string
	Query    string // words to find, diacritics and case ignored
	Field    string
	Channel  string
	Limit    int
	Cursor   *string
}

// List returns a page of a ward's active procedures ordered by field, name and id. The cursor
// holds the id of the page's last procedure (the position it stands for is read back from it,
// which keeps cursors short whatever the names' length).
func (s *Service) List(ctx context.Context, f Filter) ([]Procedure, *string, error) {
	wardID, err := s.q.WardIDByCode(ctx, f.WardCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, &httpx.Error{Status: http.StatusNotFound, Code: "not_found",
			Fields: []httpx.FieldError{httpx.Field("ward_code", "unknown_ward")}}
	}
	if err != nil {
		return nil, nil, err
	}
	after, err := httpx.DecodeIDCursor(f.Cursor)
	if err != nil {
		return nil, nil, err
	}
	params := proceduredb.ListActiveProceduresParams{WardID: wardID, Patterns: searchPatterns(f.Query), Lim: int32(f.Limit)}
	if after.Valid {
		pos, err := s.q.GetProcedureInWard(ctx, proceduredb.GetProcedureInWardParams{ID: after.UUID, WardID: wardID})
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil, httpx.ErrBadCursor
		}
		if err != nil {
			return nil, nil, err
		}
		params.AfterID, params.AfterField, params.AfterName = after, &pos.Field, &pos.Name
	}
	if field := httpx.CleanText(f.Field); field != "" {
		params.Field = &field
	}
	if f.Channel != "" {
		params.Channel = &f.Channel
	}
	rows, err := s.q.ListActiveProcedures(ctx, params)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Procedure, 0, len(rows))
	for _, r := range rows {
		out = append(out, fromRow(r))
	}
	var next *string
	if len(rows) > 0 {
		next = httpx.NextCursor(len(rows), f.Limit, rows[len(rows)-1].ID.String())
	}
	return out, next, nil
}

// Seed adds the procedures to a ward's catalogue, skipping codes the ward already has (demo
// data; running it again changes nothing). Each entry must pass the API's own validation.
func Seed(ctx context.Context, db proceduredb.DBTX, wardID uuid.UUID, list []Procedure, now time.Time) error {
	q := proceduredb.New(db)
	for _, p := range list {
		if err := fault.Fields(clean(&p)...); err != nil { // clean copies the documents: list is not changed
			return fmt.Errorf("seed procedure %s: %w", p.Code, err)
		}
		err := q.SeedProcedure(ctx, proceduredb.SeedProcedureParams{
			ID: uuid.Must(uuid.NewV7()), WardID: wardID, Code: p.Code, Name: p.Name, SearchText: searchText(p.Name, p.Code),
			Field: p.Field, ProcessingDays: int32(p.ProcessingDays), DayCount: p.DayCount, CutoffHour: cutoffParam(p.CutoffHour),
			FeeVnd: p.FeeVND, FeeNote: p.FeeNote, RequiredDocuments: p.RequiredDocuments, Channels: p.Channels, Now: now,
		})
		if err != nil {
			return fmt.Errorf("seed procedure %s: %w", p.Code, err)
		}
	}
	return nil
}
