package dossier

import (
	"reflect"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// The list reads its rows by position: each target must be the generated struct's field in the
// same place (sqlc writes the table's columns in order), or, for a uuid, a pgtype.UUID whose
// value lands in that field. A column added, dropped or moved fails here rather than landing in
// the wrong field.
func TestDossierTargetsFollowTheRow(t *testing.T) {
	var r dossierRow
	targets := r.targets()
	fields := reflect.ValueOf(&r.Dossier).Elem()
	if len(targets) != fields.NumField() {
		t.Fatalf("%d targets for %d columns", len(targets), fields.NumField())
	}
	// Every uuid stand-in gets its own value, found afterwards in the field of its column.
	want := map[int]uuid.UUID{}
	for i := range fields.NumField() {
		name, typ := fields.Type().Field(i).Name, fields.Field(i).Type()
		if typ != reflect.TypeFor[uuid.UUID]() && typ != reflect.TypeFor[uuid.NullUUID]() {
			if targets[i] != fields.Field(i).Addr().Interface() {
				t.Fatalf("column %d (%s): the target is another field", i, name)
			}
			continue
		}
		u, ok := targets[i].(*pgtype.UUID)
		if !ok {
			t.Fatalf("column %d (%s): target %T, want *pgtype.UUID", i, name, targets[i])
		}
		want[i] = uuid.New()
		*u = pgtype.UUID{Bytes: want[i], Valid: true}
	}
	d, err := r.row()
	if err != nil {
		t.Fatal(err)
	}
	got := reflect.ValueOf(d)
	for i, w := range want {
		var have uuid.UUID
		switch v := got.Field(i).Interface().(type) {
		case uuid.UUID:
			have = v
		case uuid.NullUUID:
			if !v.Valid {
				t.Fatalf("column %d (%s): not valid", i, got.Type().Field(i).Name)
			}
			have = v.UUID
		}
		if have != w {
			t.Fatalf("column %d (%s): %s, want %s", i, got.Type().Field(i).Name, have, w)
		}
	}
}
