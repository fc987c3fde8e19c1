package dossier

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
)

// listJSON is the dossier list's answer, written field by field: the same bytes as
// encoding/json (and the app's goccy/go-json) write for api.DossierList, in a fifth of the CPU.
// Through the generic encoders the page's ~140 times and ~70 uuids each went through their
// MarshalJSON or MarshalText, an allocation, and a re-scan of what those returned; the list is
// the officers' most requested page (issue 14). TestListJSONIsEncodingJSON compares the two on
// every field of the contract's Dossier, so a field added to it fails the test until it is
// written here.
type listJSON api.DossierList

func (l listJSON) VisitListDossiersResponse(c *fiber.Ctx) error {
	bp := listBuffers.Get().(*[]byte)
	defer listBuffers.Put(bp)
	b, err := l.appendJSON((*bp)[:0])
	if err != nil {
		return err
	}
	*bp = b
	c.Response().Header.SetContentType(fiber.MIMEApplicationJSON)
	c.Status(fiber.StatusOK)
	c.Response().SetBody(b) // a copy into fasthttp's own buffer: b goes back to the pool
	return nil
}

// listBuffers keep the pages' JSON between requests (a page of 20 is about 20 KB).
var listBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func (l listJSON) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"items":`...)
	if l.Items == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range l.Items {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendDossierJSON(b, &l.Items[i]); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	if l.NextCursor != nil {
		b = append(b, `,"next_cursor":`...)
		b = appendJSONString(b, *l.NextCursor)
	}
	return append(b, '}'), nil
}

// appendDossierJSON writes d as encoding/json does: the fields in the struct's order, omitempty
// ones left out when nil, the others null.
func appendDossierJSON(b []byte, d *api.Dossier) ([]byte, error) {
	var err error
	b = append(b, '{')
	if d.ApplicantId != nil {
		b = append(b, `"applicant_id":`...)
		b = appendUUIDJSON(b, *d.ApplicantId)
		b = append(b, ',')
	}
	b = append(b, `"applicant_name":`...)
	b = appendJSONString(b, d.ApplicantName)
	if d.ApplicantPhone != nil {
		b = append(b, `,"applicant_phone":`...)
		b = appendJSONString(b, *d.ApplicantPhone)
	}
	b = append(b, `,"channel":`...)
	b = appendJSONString(b, string(d.Channel))
	if d.ClosedAt != nil {
		b = append(b, `,"closed_at":`...)
		if b, err = appendTimeJSON(b, *d.ClosedAt); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"code":`...)
	b = appendJSONString(b, d.Code)
	b = append(b, `,"created_at":`...)
	if b, err = appendTimeJSON(b, d.CreatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"due_at":`...)
	if b, err = appendNullTimeJSON(b, d.DueAt); err != nil {
		return nil, err
	}
	b = append(b, `,"id":`...)
	b = appendUUIDJSON(b, d.Id)
	if d.Note != nil {
		b = append(b, `,"note":`...)
		b = appendJSONString(b, *d.Note)
	}
	b = append(b, `,"original_due_at":`...)
	if b, err = appendNullTimeJSON(b, d.OriginalDueAt); err != nil {
		return nil, err
	}
	b = append(b, `,"overdue":`...)
	b = strconv.AppendBool(b, d.Overdue)
	b = append(b, `,"paused_days":`...)
	b = strconv.AppendInt(b, int64(d.PausedDays), 10)
	b = append(b, `,"portal_channel_code":`...)
	b = strconv.AppendInt(b, int64(d.PortalChannelCode), 10)
	b = append(b, `,"portal_code":`...)
	if d.PortalCode == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *d.PortalCode)
	}
	b = append(b, `,"portal_status_code":`...)
	b = strconv.AppendInt(b, int64(d.PortalStatusCode), 10)
	b = append(b, `,"procedure_code":`...)
	b = appendJSONString(b, d.ProcedureCode)
	b = append(b, `,"procedure_id":`...)
	b = appendUUIDJSON(b, d.ProcedureId)
	b = append(b, `,"procedure_name":`...)
	b = appendJSONString(b, d.ProcedureName)
	b = append(b, `,"received_at":`...)
	if b, err = appendNullTimeJSON(b, d.ReceivedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"reschedule_count":`...)
	b = strconv.AppendInt(b, int64(d.RescheduleCount), 10)
	if d.ResultAt != nil {
		b = append(b, `,"result_at":`...)
		if b, err = appendTimeJSON(b, *d.ResultAt); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"return_method":`...)
	b = appendJSONString(b, string(d.ReturnMethod))
	b = append(b, `,"status":`...)
	b = appendJSONString(b, string(d.Status))
	b = append(b, `,"submitted_at":`...)
	if b, err = appendTimeJSON(b, d.SubmittedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"ward_id":`...)
	b = appendUUIDJSON(b, d.WardId)
	return append(b, '}'), nil
}

// appendTimeJSON is time.Time's MarshalJSON (RFC 3339 with the nanoseconds it has, the same
// refusal of a year past 9999) without its allocation.
func appendTimeJSON(b []byte, t time.Time) ([]byte, error) {
	b = append(b, '"')
	b, err := t.AppendText(b)
	if err != nil {
		return nil, err
	}
	return append(b, '"'), nil
}

func appendNullTimeJSON(b []byte, t *time.Time) ([]byte, error) {
	if t == nil {
		return append(b, "null"...), nil
	}
	return appendTimeJSON(b, *t)
}

// appendUUIDJSON is the uuid's canonical text (uuid.UUID.String) in quotes.
func appendUUIDJSON(b []byte, u uuid.UUID) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i, x := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[x>>4], hexDigits[x&0x0f])
	}
	return append(b, '"')
}

// appendJSONString quotes s as encoding/json does by default: ", \ and control characters
// escaped (\b \f \n \r \t or \u00XX), <, > and & as \u003c \u003e \u0026 (HTML-safe), U+2028 and
// U+2029 as \u2028 \u2029, and bytes that are not UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
