package dossier

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// The list reads its rows by position: each target must be the generated struct's field in the
// same place (sqlc writes the table's columns in order), or a pgtype stand-in whose value lands
// in that field, or nil for the receipt, which no list shows. A column added, dropped or moved
// fails here rather than landing in the wrong field.
func TestDossierTargetsFollowTheRow(t *testing.T) {
	var r dossierRow
	targets := r.targets()
	fields := reflect.ValueOf(&r.Dossier).Elem()
	if len(targets) != fields.NumField() {
		t.Fatalf("%d targets for %d columns", len(targets), fields.NumField())
	}
	// Every stand-in gets its own value, to be found afterwards in the field of its column.
	want := map[int]any{}
	base := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range fields.NumField() {
		name, field := fields.Type().Field(i).Name, fields.Field(i)
		switch target := targets[i].(type) {
		case nil:
			if name != "Receipt" {
				t.Fatalf("column %d (%s) is skipped", i, name)
			}
		case *pgtype.UUID:
			u := uuid.New()
			*target = pgtype.UUID{Bytes: u, Valid: true}
			want[i] = u
			if field.Type() == reflect.TypeFor[uuid.NullUUID]() {
				want[i] = uuid.NullUUID{UUID: u, Valid: true}
			}
		case *pgtype.Text:
			s := fmt.Sprint("text ", i)
			*target = pgtype.Text{String: s, Valid: true}
			want[i] = &s
		case *pgtype.Timestamptz:
			at := base.Add(time.Duration(i) * time.Hour)
			*target = pgtype.Timestamptz{Time: at, Valid: true}
			want[i] = &at
		default:
			if targets[i] != field.Addr().Interface() {
				t.Fatalf("column %d (%s): the target is another field", i, name)
			}
		}
	}
	d, err := r.row()
	if err != nil {
		t.Fatal(err)
	}
	got := reflect.ValueOf(d)
	for i, w := range want {
		if have := got.Field(i).Interface(); !reflect.DeepEqual(have, w) {
			t.Fatalf("column %d (%s): %v, want %v", i, got.Type().Field(i).Name, have, w)
		}
	}
	// Nothing read aside is left over from the previous row: NULLs come out nil.
	r = dossierRow{id: r.id, ward: r.ward, procedure: r.procedure}
	if d, err = r.row(); err != nil || d.ApplicantPhone != nil || d.DueAt != nil || d.ApplicantID.Valid {
		t.Fatalf("NULLs: %v %+v", err, d)
	}
}
