package accounts

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// likeEscaper escapes LIKE's wildcards (and its escape character, backslash).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchTerms turns the staff list's search box into what searchSQL compares, as the dossier
// search does: one LIKE pattern per word folded like fold_vi folds the names (no diacritics,
// lower case: "nguyen van" finds "Nguyễn Văn An", whatever the order of the words), and, from 3
// digits and no letter, the digits to find inside the stored E.164 phone. A whole number is read through
// package phone (so "+84 912 345 678", "0912345678" and "84912345678" are one number); a part of
// one ("0912", "912 345") drops its leading 0, as the stored +84… form has none. A blank search
// is no search (nil, nil).
func searchTerms(q *string) (words []string, digits *string) {
	if q == nil {
		return nil, nil
	}
	for _, w := range strings.Fields(procedure.Fold(*q)) {
		words = append(words, "%"+likeEscaper.Replace(w)+"%")
	}
	if len(words) == 0 {
		return nil, nil
	}
	if e164, err := phone.Normalize(*q); err == nil {
		d := strings.TrimPrefix(e164, "+")
		return words, &d
	}
	var b strings.Builder
	for _, r := range *q {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsLetter(r):
			return words, nil // a name with digits in it is no phone number
		}
	}
	if b.Len() >= 3 {
		d := strings.TrimPrefix(b.String(), "0")
		return words, &d
	}
	return words, nil
}

// userSearch is a search of the staff list: ListUsers' filters and the search's terms.
type userSearch struct {
	WardID   uuid.UUID
	Role     *string
	Active   *bool
	Words    []string // LIKE patterns (searchTerms), at least one
	Digits   *string
	BeforeID uuid.NullUUID
	Lim      int32
}

// searchSQL writes a search's statement: ListUsers' select with one LIKE per word and only the
// filters given, so each is a fixed statement PostgreSQL plans for exactly its conditions (as the
// dossier list does). Every LIKE is on what migration 00026 indexes (trigram GIN on the folded
// name and on the phone): a rare name or number is looked up there, with all its words at once,
// and a common one walks the ward's accounts newest first. LIKE ALL over an array, as the
// statement had it, cannot use an index.
func searchSQL(p userSearch) (string, []any) {
	var b strings.Builder
	args := []any{p.WardID}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	b.WriteString(`SELECT u.*, w.code AS ward_code,
       coalesce((SELECT v.on_duty FROM volunteer_duty v WHERE v.user_id = u.id), false)::boolean AS on_duty
FROM users u JOIN wards w ON w.id = u.ward_id
WHERE u.ward_id = $1`)
	if p.Role != nil {
		b.WriteString(" AND u.role = " + arg(*p.Role))
	}
	if p.Active != nil {
		b.WriteString(" AND u.active = " + arg(*p.Active))
	}
	b.WriteString(" AND ((")
	for i, w := range p.Words {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString("fold_vi(u.full_name) LIKE " + arg(w) + "::text")
	}
	b.WriteString(")")
	if p.Digits != nil {
		b.WriteString(" OR u.phone LIKE '%' || " + arg(*p.Digits) + "::text || '%'")
	}
	b.WriteString(")")
	if p.BeforeID.Valid {
		b.WriteString(" AND u.id < " + arg(p.BeforeID.UUID))
	}
	b.WriteString(" ORDER BY u.id DESC LIMIT " + arg(p.Lim))
	return b.String(), args
}

// search runs a search's statement, planned for its own terms on every call (pgx's unnamed
// statement), as the dossier list's searches: a prepared statement's generic plan, which
// PostgreSQL switches to after five calls, cannot know whether the term is rare or common.
func (s *Service) search(ctx context.Context, p userSearch) ([]accountsdb.ListUsersRow, error) {
	sql, args := searchSQL(p)
	rows, err := s.pool.Query(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[accountsdb.ListUsersRow])
}
