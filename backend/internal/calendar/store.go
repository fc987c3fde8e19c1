package calendar

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/calendar/calendardb"
	"github.com/motcuagandan/motcua/backend/internal/clock"
)

// Store reads and writes wards' calendars.
type Store struct {
	pool  *pgxpool.Pool
	q     *calendardb.Queries
	clock clock.Clock
}

// NewStore wires the store, like every feature: the pool, then the clock.
func NewStore(pool *pgxpool.Pool, clk clock.Clock) *Store {
	return &Store{pool: pool, q: calendardb.New(pool), clock: clk}
}

// Years returns the ward's effective calendar for the years from..to: the ward's own edited
// years, and the national calendar for the others.
func (s *Store) Years(ctx context.Context, wardID uuid.UUID, from, to int) (map[int]Year, error) {
	edited, err := s.q.EditedYears(ctx, calendardb.EditedYearsParams{WardID: wardID, FromYear: int32(from), ToYear: int32(to)})
	if err != nil {
		return nil, err
	}
	days, err := s.q.DaysOfYears(ctx, calendardb.DaysOfYearsParams{WardID: wardID, FromYear: int32(from), ToYear: int32(to)})
	if err != nil {
		return nil, err
	}
	out := map[int]Year{}
	for y := from; y <= to; y++ {
		out[y] = National(y)
	}
	for _, y := range edited {
		out[int(y.Year)] = Year{Holidays: []Day{}, WorkingDays: []Day{}, Provisional: y.Provisional}
	}
	for _, d := range days {
		y := out[d.Day.Year()]
		day := Day{Date: d.Day.Format(DateLayout), Name: d.Name}
		if d.Kind == "holiday" {
			y.Holidays = append(y.Holidays, day)
		} else {
			y.WorkingDays = append(y.WorkingDays, day)
		}
		out[d.Day.Year()] = y
	}
	return out, nil
}

// ForWard returns the ward's calendar covering `from` and the two years after it — enough for
// any due date (processing times are at most 365 working days).
func (s *Store) ForWard(ctx context.Context, wardID uuid.UUID, from time.Time) (Calendar, error) {
	y := from.In(Location).Year()
	years, err := s.Years(ctx, wardID, y, y+2)
	if err != nil {
		return Calendar{}, err
	}
	list := make([]Year, 0, len(years))
	for _, v := range years {
		list = append(list, v)
	}
	return New(list...), nil
}

// Year returns the ward's effective calendar of one year (its edited days, or the national
// ones), each list sorted by date and never nil.
func (s *Store) Year(ctx context.Context, wardID uuid.UUID, year int) (Year, error) {
	years, err := s.Years(ctx, wardID, year, year)
	if err != nil {
		return Year{}, err
	}
	y := years[year]
	y.Holidays = sortedDays(y.Holidays)
	y.WorkingDays = sortedDays(y.WorkingDays)
	return y, nil
}

func sortedDays(days []Day) []Day {
	out := slices.Clone(days)
	if out == nil {
		out = []Day{}
	}
	slices.SortFunc(out, func(a, b Day) int { return strings.Compare(a.Date, b.Date) })
	return out
}

// Replace makes y the ward's calendar of year, in one transaction with its audit event: the
// year is marked edited (from then on the national calendar no longer applies to it) and
// provisional or not as y says, its special days deleted and y's inserted. y must have been
// validated (Validate).
func (s *Store) Replace(ctx context.Context, wardID, actor uuid.UUID, year int, y Year) error {
	now := s.clock.Now()
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		// Marking the year first locks its row, so concurrent replacements of the same year
		// run one after the other instead of colliding on the days they insert.
		if err := q.MarkYearEdited(ctx, calendardb.MarkYearEditedParams{WardID: wardID, Year: int32(year),
			Provisional: y.Provisional, UpdatedBy: uuid.NullUUID{UUID: actor, Valid: actor != uuid.Nil}, UpdatedAt: now}); err != nil {
			return err
		}
		if err := q.DeleteYearDays(ctx, calendardb.DeleteYearDaysParams{WardID: wardID, Year: int32(year)}); err != nil {
			return err
		}
		for _, k := range []struct {
			kind string
			days []Day
		}{{"holiday", y.Holidays}, {"working", y.WorkingDays}} {
			for _, d := range k.days {
				day, err := time.Parse(DateLayout, d.Date)
				if err != nil {
					return err
				}
				if err := q.InsertDay(ctx, calendardb.InsertDayParams{WardID: wardID, Day: day, Kind: k.kind, Name: d.Name}); err != nil {
					return err
				}
			}
		}
		return audit.Record(ctx, tx, audit.Event{WardID: wardID, ActorID: actor, Action: "calendar.update",
			TargetType: "calendar", Detail: map[string]any{"year": year, "holidays": len(y.Holidays),
				"working_days": len(y.WorkingDays), "provisional": y.Provisional}, At: now})
	})
}
