package dossier

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
)

// Dossier is a dossier as the feature's rules see it, free of HTTP and of the database's rows.
type Dossier struct {
	ID              uuid.UUID
	WardID          uuid.UUID
	Code            string
	PortalCode      *string // the national portal's own code, when it has one
	ProcedureID     uuid.UUID
	ProcedureCode   string
	ProcedureName   string
	ApplicantID     uuid.NullUUID // empty: an applicant without an account, reached by phone
	ApplicantName   string
	ApplicantPhone  *string
	Channel         string
	ReturnMethod    string
	Status          State
	Note            *string
	SubmittedAt     time.Time
	ReceivedAt      *time.Time // nil until an officer receives it
	DueAt           *time.Time // nil until received; moved by supplement pauses and the apology letter
	OriginalDueAt   *time.Time // the first due time, never moved by the apology letter
	PausedAt        *time.Time // set while waiting for a supplement
	PausedDays      int
	ResultAt        *time.Time
	ClosedAt        *time.Time
	RescheduleCount int
	CreatedAt       time.Time
	ReceivedBy      uuid.NullUUID
	// receipt is the snapshot issued at intake as stored (jsonb), read by IssuedReceipt: only the
	// receipt's own pages need it, so a list of dossiers does not decode one per row.
	receipt []byte
}

// IssuedReceipt is the snapshot issued at intake; nil before (and for dossiers received before
// snapshots). One that cannot be read is left out rather than failing the whole dossier (it is
// written only by this package, so it does not happen).
func (d Dossier) IssuedReceipt() *Receipt {
	if len(d.receipt) == 0 {
		return nil
	}
	var rc Receipt
	if json.Unmarshal(d.receipt, &rc) != nil {
		return nil
	}
	return &rc
}

// Overdue is derived, never stored: a dossier in progress past its due time, its clock running
// (one waiting for a supplement is paused, not late).
func (d Dossier) Overdue(now time.Time) bool {
	return d.Status.ClockRunning() && d.DueAt != nil && now.After(*d.DueAt)
}

// PortalStatus is the national portal's status code of the dossier.
func (d Dossier) PortalStatus() int { return d.Status.PortalStatus() }

// PortalChannel is the national portal's channel code of the dossier.
func (d Dossier) PortalChannel() int { return PortalChannel(d.Channel, d.ReturnMethod) }

// Event is one line of a dossier's timeline.
type Event struct {
	ID    uuid.UUID
	Kind  string // created, transition, rescheduled
	From  *State
	To    State
	Role  *string
	Note  *string
	DueAt *time.Time
	At    time.Time
}

// Detail is a dossier with its timeline.
type Detail struct {
	Dossier
	Events []Event
}

// Receipt is the giấy tiếp nhận và hẹn trả kết quả as issued at intake: a snapshot, so later
// catalogue edits never change it (DESIGN.md §4). Stored as the dossier's receipt jsonb.
type Receipt struct {
	ProcedureCode     string    `json:"procedure_code"`
	ProcedureName     string    `json:"procedure_name"`
	FeeVND            *int64    `json:"fee_vnd"` // nil: set by the province ("theo quy định của tỉnh")
	DocumentsReceived []string  `json:"documents_received"`
	ReceivingOfficer  *string   `json:"receiving_officer"`
	OfficeName        string    `json:"office_name"`
	WardName          string    `json:"ward_name"`
	ReceivedAt        time.Time `json:"received_at"`
	DueAt             time.Time `json:"due_at"`
	ReturnMethod      string    `json:"return_method"`
}

// Input is a dossier an officer records, or another feature hands over.
type Input struct {
	ProcedureID    uuid.UUID
	ApplicantID    *uuid.UUID // an account of the ward, if the applicant has one
	ApplicantName  *string    // else a name …
	ApplicantPhone *string    // … and a phone to reach them
	Channel        string
	ReturnMethod   string // empty: counter
	ReceivedAt     *time.Time
	Note           *string
	PortalCode     *string
	Documents      []string // handed in, printed on the receipt; nil: the procedure's required documents
}

// Move is a requested transition, or an apology letter with a new date (To equal to the current
// state and NewDueDate set).
type Move struct {
	To                State
	Note              *string
	NewDueDate        *time.Time
	DocumentsReceived []string
}

// Filter narrows a list of dossiers.
type Filter struct {
	Status      *State
	Channel     *string
	ProcedureID *uuid.UUID
	Overdue     *bool
	DueSoon     *bool
	Query       *string // the console's search: code, portal code, applicant's name or phone
	Cursor      *string
	Limit       *int
	pageSize    int // the export's pages, past the API's limit (0: Limit, clamped)
}

// Page is a page of dossiers.
type Page struct {
	Items      []Dossier
	NextCursor *string
}

// fromRow reads a stored dossier.
func fromRow(r dossierdb.Dossier) Dossier {
	d := Dossier{
		ID: r.ID, WardID: r.WardID, Code: r.Code, PortalCode: r.PortalCode, ProcedureID: r.ProcedureID,
		ProcedureCode: r.ProcedureCode, ProcedureName: r.ProcedureName, ApplicantID: r.ApplicantID,
		ApplicantName: r.ApplicantName, ApplicantPhone: r.ApplicantPhone, Channel: r.Channel, ReturnMethod: r.ReturnMethod,
		Status: State(r.Status), Note: r.Note, SubmittedAt: r.SubmittedAt, ReceivedAt: r.ReceivedAt, DueAt: r.DueAt,
		OriginalDueAt: r.OriginalDueAt, PausedAt: r.PausedAt, PausedDays: int(r.PausedDays), ResultAt: r.ResultAt,
		ClosedAt: r.ClosedAt, RescheduleCount: int(r.RescheduleCount), CreatedAt: r.CreatedAt, ReceivedBy: r.ReceivedBy,
		receipt: r.Receipt,
	}
	return d
}

func eventOf(e dossierdb.DossierEvent) Event {
	ev := Event{ID: e.ID, Kind: e.Kind, To: State(e.ToStatus), Role: e.ActorRole, Note: e.Note, DueAt: e.DueAt, At: e.CreatedAt}
	if e.FromStatus != nil {
		from := State(*e.FromStatus)
		ev.From = &from
	}
	return ev
}
