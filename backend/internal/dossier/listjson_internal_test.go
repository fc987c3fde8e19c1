package dossier

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
)

// The list's hand-written JSON is byte for byte what encoding/json writes for the contract's
// type: on dossiers whose every field is set (so a field added to api.Dossier and not written
// fails), and on ones with the optional fields left out, with texts that need escaping.
func TestListJSONIsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	for round := range 300 {
		var l api.DossierList
		for range rng.IntN(4) {
			var d api.Dossier
			fill(reflect.ValueOf(&d).Elem(), rng, round == 0 || rng.IntN(2) == 0)
			l.Items = append(l.Items, d)
		}
		if round%3 == 0 {
			l.Items = nil
		}
		if rng.IntN(2) == 0 {
			c := text(rng)
			l.NextCursor = &c
		}
		want, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		got, err := listJSON(l).appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d:\n got %s\nwant %s", round, got, want)
		}
	}
}

// A time encoding/json refuses is refused too.
func TestListJSONRefusesWhatEncodingJSONRefuses(t *testing.T) {
	d := api.Dossier{CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := json.Marshal(d); err == nil {
		t.Fatal("encoding/json wrote a year past 9999")
	}
	if _, err := listJSON(api.DossierList{Items: []api.Dossier{d}}).appendJSON(nil); err == nil {
		t.Fatal("a year past 9999 was written")
	}
}

// fill sets every field of v; each pointer is nil or not as all says (all: every one set).
func fill(v reflect.Value, rng *rand.Rand, all bool) {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zones := []*time.Location{time.UTC, time.FixedZone("ICT", 7*3600), time.FixedZone("", -(3*3600 + 30*60))}
		at := time.Date(1990+rng.IntN(60), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60),
			[]int{0, 123000000, 123456000, 1}[rng.IntN(4)], zones[rng.IntN(len(zones))])
		v.Set(reflect.ValueOf(at))
		return
	case reflect.TypeFor[uuid.UUID]():
		var u uuid.UUID
		for i := range u {
			u[i] = byte(rng.Uint32())
		}
		v.Set(reflect.ValueOf(u))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), rng, all)
		}
	case reflect.Pointer:
		if all || rng.IntN(2) == 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), rng, all)
		}
	case reflect.String:
		v.SetString(text(rng))
	case reflect.Int:
		v.SetInt(rng.Int64N(2000) - 1000)
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	default:
		panic("fill: a field of kind " + v.Kind().String() + " (" + v.Type().String() + "): teach the test, and listJSON, about it")
	}
}

// text is a string of pieces that need escaping, Vietnamese, and bytes that are not UTF-8.
func text(rng *rand.Rand) string {
	pieces := []string{"Nguyễn Văn An", "1.001193", "a", `"`, `\`, "<b>", "&", "\x00", "\x01", "\b", "\f", "\n", "\r", "\t",
		"\x1f", "\x7f", "\u2028", "\u2029", "\xff", "\xe1\xba", "é", "😀", "/", " ", "\ufffd"}
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
