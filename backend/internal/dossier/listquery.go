package dossier

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

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
	args := []any{p.WardID}
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
		b.WriteString(" AND procedure_id = " + arg(p.ProcedureID.UUID))
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
		b.WriteString(" AND id < " + arg(p.BeforeID.UUID))
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
	return pgx.CollectRows(rows, pgx.RowToStructByPos[dossierdb.Dossier])
}
