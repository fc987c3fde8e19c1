package dossier

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
)

// listParams are the dossier list's filters; a nil (or invalid) one is not applied.
type listParams struct {
	WardID       uuid.UUID
	ApplicantIDs []uuid.UUID // nil: any applicant (staff); a citizen's own and represented ones
	Status       *string
	Channel      *string
	ProcedureID  uuid.NullUUID
	Overdue      *bool
	Now          time.Time
	DueSoon      *bool
	SoonUntil    time.Time
	Q            *string // folded, LIKE wildcards escaped (searchTerms)
	QDigits      *string
	BeforeID     uuid.NullUUID
	Lim          int32
}

// openStatuses are the statuses whose clock runs: "overdue" and "due soon" apply to them only. A
// dossier waiting for a supplement (supplement_requested) is paused, neither overdue nor due soon
// (Nghị định 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP: that wait is not processing time).
const openStatuses = `status IN ('received', 'in_review', 'approved')`

// listSQL writes the list's statement with only the filters given. Each combination is one fixed
// statement (pgx prepares and caches it), so PostgreSQL plans it for exactly those conditions:
// the catch-all form (`$n IS NULL OR …` for every filter) was re-planned on every call and, once
// PostgreSQL switched it to a generic plan, became a sequential scan. Newest first (UUIDv7 ids).
func listSQL(p listParams) (string, []any) {
	var b strings.Builder
	// uuids as pgtype.UUID: pgx sends those in binary, a uuid.UUID (a driver.Valuer) as its text.
	args := []any{pgUUID(p.WardID)}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	b.WriteString("SELECT * FROM dossiers WHERE ward_id = $1")
	if p.ApplicantIDs != nil {
		b.WriteString(" AND applicant_id = ANY(" + arg(p.ApplicantIDs) + "::uuid[])")
	}
	if p.Status != nil {
		b.WriteString(" AND status = " + arg(*p.Status))
	}
	if p.Channel != nil {
		b.WriteString(" AND channel = " + arg(*p.Channel))
	}
	if p.ProcedureID.Valid {
		b.WriteString(" AND procedure_id = " + arg(pgUUID(p.ProcedureID.UUID)))
	}
	if p.Overdue != nil || p.DueSoon != nil {
		now := arg(p.Now) + "::timestamptz"
		overdue := "(" + openStatuses + " AND due_at < " + now + ")"
		switch {
		case p.Overdue == nil:
		case *p.Overdue:
			b.WriteString(" AND " + openStatuses + " AND due_at < " + now)
		default: // not overdue: as `= false`, an open dossier without a due time is neither
			b.WriteString(" AND " + overdue + " = false")
		}
		// Due soon: open, not yet overdue, due by the end of the second working day from today
		// (computed by the caller).
		switch {
		case p.DueSoon == nil:
		case *p.DueSoon:
			b.WriteString(" AND " + openStatuses + " AND due_at >= " + now + " AND due_at <= " + arg(p.SoonUntil) + "::timestamptz")
		default:
			b.WriteString(" AND NOT coalesce(" + openStatuses + " AND due_at >= " + now + " AND due_at <= " + arg(p.SoonUntil) + "::timestamptz, false)")
		}
	}
	// Search (the console): Q finds the code, the portal code or the applicant's name, QDigits
	// the phone. Both sides of each LIKE are what migration 00026 indexes (trigram GIN), so a rare
	// term is looked up there and a common one (or one of 1–2 characters) walks the ward's newest
	// first; the planner picks with the index's statistics.
	if p.Q != nil {
		b.WriteString(" AND (dossier_search_text(code, portal_code, applicant_name) LIKE '%' || " + arg(*p.Q) + "::text || '%'")
		if p.QDigits != nil {
			b.WriteString(" OR applicant_phone LIKE '%' || " + arg(*p.QDigits) + "::text || '%'")
		}
		b.WriteString(")")
	}
	if p.BeforeID.Valid {
		b.WriteString(" AND id < " + arg(pgUUID(p.BeforeID.UUID)))
	}
	b.WriteString(" ORDER BY id DESC LIMIT " + arg(p.Lim))
	return b.String(), args
}

// list runs the list's statement. A search is planned for its own term on every call (pgx's
// unnamed statement): whether the trigram index or the walk is right depends on the term, and
// PostgreSQL switches a prepared statement to one generic plan after five calls, at 1,000,000
// dossiers a bitmap over the index that took 10 s for "an" (benchstats, docs/benchmarks.md).
func (s *Service) list(ctx context.Context, p listParams) ([]dossierdb.Dossier, error) {
	sql, args := listSQL(p)
	if p.Q != nil {
		args = append([]any{pgx.QueryExecModeDescribeExec}, args...)
	}
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return scanDossiers(rows, int(p.Lim))
}

// scanDossiers reads the rows of the list's `SELECT * FROM dossiers`, without their receipts (no
// list shows one: Dossier.IssuedReceipt is nil). Its targets are listed once per row rather than
// found by pgx.RowToStructByPos, which sets them up by reflection for every row; and the columns
// pgx would read through reflection or text are read aside into pgtype values, straight from
// the binary row: uuids (uuid.UUID and uuid.NullUUID are sql.Scanners, handed the uuid's text to
// parse), and nullable texts and times (a **T target is filled by reflection).
func scanDossiers(rows pgx.Rows, capacity int) ([]dossierdb.Dossier, error) {
	defer rows.Close()
	out := make([]dossierdb.Dossier, 0, capacity)
	var r dossierRow
	targets := r.targets()
	for rows.Next() {
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		d, err := r.row()
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// dossierRow is a dossiers row being read: the generated struct, some columns read aside.
type dossierRow struct {
	dossierdb.Dossier
	id, ward, procedure, applicant, createdBy, receivedBy          pgtype.UUID
	phone, note, portalCode                                        pgtype.Text
	receivedAt, dueAt, resultAt, closedAt, originalDueAt, pausedAt pgtype.Timestamptz
}

// targets are the row's scan targets in the table's order (sqlc's struct order); nil skips the
// receipt. TestDossierTargetsFollowTheRow keeps them in step with the generated struct.
func (r *dossierRow) targets() []any {
	return []any{&r.id, &r.ward, &r.Code, &r.procedure, &r.ProcedureCode, &r.ProcedureName, &r.applicant,
		&r.ApplicantName, &r.phone, &r.Channel, &r.ReturnMethod, &r.Status, &r.note, &r.receivedAt,
		&r.dueAt, &r.resultAt, &r.closedAt, &r.RescheduleCount, &r.createdBy, &r.CreatedAt, &r.UpdatedAt,
		&r.SubmittedAt, &r.originalDueAt, &r.pausedAt, &r.PausedDays, &r.portalCode, nil, &r.receivedBy}
}

// row is the generated struct with the columns read aside in place. A NULL where the column has
// none, or an infinite time, is an error, as scanning it into the struct's field would be.
func (r *dossierRow) row() (dossierdb.Dossier, error) {
	if !r.id.Valid || !r.ward.Valid || !r.procedure.Valid {
		return dossierdb.Dossier{}, errors.New("dossier: NULL in a uuid column that has none")
	}
	d := r.Dossier
	d.ID, d.WardID, d.ProcedureID = r.id.Bytes, r.ward.Bytes, r.procedure.Bytes
	d.ApplicantID, d.CreatedBy, d.ReceivedBy = nullUUID(r.applicant), nullUUID(r.createdBy), nullUUID(r.receivedBy)
	d.ApplicantPhone, d.Note, d.PortalCode = textPtr(r.phone), textPtr(r.note), textPtr(r.portalCode)
	for _, t := range []struct {
		dst **time.Time
		src pgtype.Timestamptz
	}{{&d.ReceivedAt, r.receivedAt}, {&d.DueAt, r.dueAt}, {&d.ResultAt, r.resultAt}, {&d.ClosedAt, r.closedAt},
		{&d.OriginalDueAt, r.originalDueAt}, {&d.PausedAt, r.pausedAt}} {
		if t.src.Valid && t.src.InfinityModifier != pgtype.Finite {
			return dossierdb.Dossier{}, errors.New("dossier: an infinite time")
		}
		*t.dst = timePtr(t.src)
	}
	return d, nil
}

func pgUUID(u uuid.UUID) pgtype.UUID { return pgtype.UUID{Bytes: u, Valid: true} }

func nullUUID(u pgtype.UUID) uuid.NullUUID { return uuid.NullUUID{UUID: u.Bytes, Valid: u.Valid} }

func textPtr(t pgtype.Text) *string {
	if !t.Valid {
		return nil
	}
	s := t.String
	return &s
}

func timePtr(t pgtype.Timestamptz) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}
