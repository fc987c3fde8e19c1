package postal

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// tariff is the ward's, or the default, read through q (the pool's queries, or a transaction's).
func tariff(ctx context.Context, q *postaldb.Queries, wardID uuid.UUID) (postaldb.PostalTariff, error) {
	t, err := q.Tariff(ctx, wardID)
	if errors.Is(err, pgx.ErrNoRows) {
		t = DefaultTariff
		t.WardID = wardID
		return t, nil
	}
	return t, err
}

// quote prices a delivery to a province: in the ward's own province or elsewhere, plus the COD
// fee when the postman collects payment. Inside a transaction it reads through it (q =
// s.q.WithTx(tx)): a move holding a shipment's row lock must not wait for a second pooled
// connection, or callers queued on that lock, each holding one, could starve it.
func quote(ctx context.Context, q *postaldb.Queries, wardID uuid.UUID, province string, cod bool) (Quote, error) {
	t, err := tariff(ctx, q, wardID)
	if err != nil {
		return Quote{}, err
	}
	own, err := q.WardProvince(ctx, wardID)
	if err != nil {
		return Quote{}, err
	}
	same := fold(province) == fold(own)
	fee := t.OtherProvinceVnd
	if same {
		fee = t.SameProvinceVnd
	}
	if cod {
		fee += t.CodFeeVnd
	}
	return Quote{FeeVND: fee, SameProvince: same, CODAvailable: true}, nil
}

func fold(s string) string { return procedure.Fold(httpx.CleanText(s)) }

// Quote implements the price shown before booking.
func (s *Service) Quote(ctx context.Context, caller auth.Principal, dossierID uuid.UUID, province string) (Quote, error) {
	d, err := s.dossiers.Summary(ctx, caller, dossierID)
	if err != nil {
		return Quote{}, err
	}
	return quote(ctx, s.q, d.WardID, province, false)
}

// Book records the citizen's wish to get the result by post.
func (s *Service) Book(ctx context.Context, caller auth.Principal, dossierID uuid.UUID, in ResultInput) (Shipment, error) {
	if id, ok := idempotency.Committed(ctx, "shipment"); ok {
		return s.view(ctx, id)
	}
	d, err := s.dossiers.Summary(ctx, caller, dossierID)
	if err != nil {
		return Shipment{}, err
	}
	if !d.Open() {
		return Shipment{}, ErrDossierClosed
	}
	var fields []fault.Field
	p, err := s.procedures.Get(ctx, d.WardID, d.ProcedureID)
	if err != nil && !errors.Is(err, httpx.ErrNotFound) {
		return Shipment{}, err
	}
	if err != nil || !p.Allows(procedure.ChannelPostalReturn) {
		fields = append(fields, fault.F("dossier_id", "postal_not_allowed"))
	}
	addr, afields := cleanAddress("recipient_name", "recipient_phone", in.Address)
	if err := fault.Fields(append(fields, afields...)...); err != nil {
		return Shipment{}, err
	}
	payment := "unpaid"
	if in.Payment != nil {
		payment = *in.Payment
	}
	now := s.clock.Now()
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "shipment", id); err != nil {
			return err
		}
		return s.bookResult(ctx, tx, id, d, addr, payment, caller.UserID, now)
	})
	if err != nil {
		return Shipment{}, err
	}
	return s.view(ctx, id)
}

// cleanAddress validates an address, naming its fields as the contract does.
func cleanAddress(nameField, phoneField string, in Address) (Address, []fault.Field) {
	var fields []fault.Field
	text := func(field string, v string, max int) string {
		c, code := httpx.CheckText(v, max)
		if code != "" {
			fields = append(fields, fault.F(field, code))
		}
		return c
	}
	a := Address{Name: text(nameField, in.Name, 120), Province: text("province", in.Province, 100), Ward: text("ward", in.Ward, 100),
		Street: text("street", in.Street, 300), Note: httpx.CleanOptional(in.Note)}
	var err error
	if a.Phone, err = phone.Normalize(in.Phone); err != nil {
		fields = append(fields, fault.F(phoneField, "invalid_phone"))
	}
	return a, fields
}

// bookResult records, in tx, that the dossier's result goes to addr by post.
func (s *Service) bookResult(ctx context.Context, tx pgx.Tx, id uuid.UUID, d dossier.Summary, addr Address, payment string, actor uuid.UUID, now time.Time) error {
	q, err := quote(ctx, s.q.WithTx(tx), d.WardID, addr.Province, payment == "cod")
	if err != nil {
		return err
	}
	sh, err := s.q.WithTx(tx).InsertShipment(ctx, postaldb.InsertShipmentParams{
		ID: id, WardID: d.WardID, Direction: string(Outbound), DossierID: uuid.NullUUID{UUID: d.ID, Valid: true}, DossierCode: &d.Code,
		CitizenID: d.ApplicantID, RecipientName: addr.Name, RecipientPhone: addr.Phone, Province: addr.Province, Ward: addr.Ward,
		Street: addr.Street, Note: addr.Note, FeeVnd: q.FeeVND, PaymentStatus: payment, Carrier: "local",
		CreatedBy: uuid.NullUUID{UUID: actor, Valid: actor != uuid.Nil}, Now: now,
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "shipments_one_active_per_dossier" {
		return ErrShipmentExists
	}
	if err != nil {
		return err
	}
	if err := s.dossiers.UsePostalReturn(ctx, tx, d.ID, now); err != nil {
		return err
	}
	if err := s.event(ctx, tx, sh, nil, string(Requested), "staff", actor, nil, now); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: actor, Action: "shipment.book",
		TargetType: "shipment", TargetID: sh.ID, Detail: map[string]any{"dossier": d.Code, "fee_vnd": q.FeeVND}, At: now})
}

func (s *Service) event(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, from *string, to, source string, actor uuid.UUID, note *string, at time.Time) error {
	return s.q.WithTx(tx).InsertShipmentEvent(ctx, postaldb.InsertShipmentEventParams{ID: uuid.Must(uuid.NewV7()), ShipmentID: sh.ID,
		FromStatus: from, ToStatus: to, Source: source, ActorID: uuid.NullUUID{UUID: actor, Valid: actor != uuid.Nil},
		Note: note, OccurredAt: at, CreatedAt: s.clock.Now()})
}

// visible: the citizen whose dossier (or parcel) it is, or the ward's officers and admins.
func visible(caller auth.Principal) func(postaldb.Shipment) bool {
	return func(sh postaldb.Shipment) bool {
		if caller.Role == auth.RoleCitizen {
			return sh.CitizenID.Valid && sh.CitizenID.UUID == caller.UserID
		}
		return caller.Office() && sh.WardID == caller.WardID
	}
}

// Get returns a shipment with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (Shipment, error) {
	sh, err := tenant.Load(ctx, id, s.q.GetShipment, visible(caller))
	if err != nil {
		return Shipment{}, err
	}
	return s.withDetails(ctx, sh, caller)
}

// view is the shipment as anyone allowed to see it may (no staff-only details).
func (s *Service) view(ctx context.Context, id uuid.UUID) (Shipment, error) {
	return s.viewAs(ctx, id, auth.Principal{})
}

func (s *Service) viewAs(ctx context.Context, id uuid.UUID, caller auth.Principal) (Shipment, error) {
	sh, err := s.q.GetShipment(ctx, id)
	if err != nil {
		return Shipment{}, err
	}
	return s.withDetails(ctx, sh, caller)
}

// withDetails is the shipment with its timeline and its registration with the carrier.
func (s *Service) withDetails(ctx context.Context, sh postaldb.Shipment, caller auth.Principal) (Shipment, error) {
	out := toShipment(sh)
	evs, err := s.q.ShipmentEvents(ctx, sh.ID)
	if err != nil {
		return Shipment{}, err
	}
	for _, e := range evs {
		ev := ShipmentEvent{ID: e.ID, To: Status(e.ToStatus), Source: e.Source, Note: e.Note, At: e.OccurredAt}
		if e.FromStatus != nil {
			f := Status(*e.FromStatus)
			ev.From = &f
		}
		out.Events = append(out.Events, ev)
	}
	regs, err := s.registrations(ctx, sh.ID)
	if err != nil {
		return Shipment{}, err
	}
	if j, ok := regs[sh.ID]; ok {
		out.Registration = registration(j, caller.Office())
	}
	return out, nil
}

// toShipment is a shipment row without its timeline.
func toShipment(sh postaldb.Shipment) Shipment {
	return Shipment{ID: sh.ID, WardID: sh.WardID, Direction: Direction(sh.Direction), DossierID: sh.DossierID,
		DossierCode: sh.DossierCode, ProcedureID: sh.ProcedureID, CollectedFeeVND: sh.CollectedFeeVnd, ReturnByPost: sh.ReturnByPost,
		Status: Status(sh.Status), Address: Address{Name: sh.RecipientName, Phone: sh.RecipientPhone, Province: sh.Province,
			Ward: sh.Ward, Street: sh.Street, Note: sh.Note},
		FeeVND: sh.FeeVnd, Payment: sh.PaymentStatus, Carrier: sh.Carrier, TrackingNumber: sh.TrackingNumber,
		LastEventAt: sh.LastEventAt, CreatedAt: sh.CreatedAt, Events: []ShipmentEvent{}}
}

// List is the officers' list, with "stuck for more than N days".
func (s *Service) List(ctx context.Context, caller auth.Principal, f Filter) (Page[Shipment], error) {
	before, err := httpx.DecodeIDCursor(f.Cursor)
	if err != nil {
		return Page[Shipment]{}, err
	}
	params := postaldb.ListShipmentsParams{WardID: caller.WardID, BeforeID: before, Lim: int32(f.Limit)}
	if f.Status != nil {
		st := string(*f.Status)
		params.Status = &st
	}
	if f.StuckDays != nil {
		t := s.clock.Now().AddDate(0, 0, -*f.StuckDays)
		params.StuckBefore = &t
	}
	rows, err := s.q.ListShipments(ctx, params)
	if err != nil {
		return Page[Shipment]{}, err
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	regs, err := s.registrations(ctx, ids...)
	if err != nil {
		return Page[Shipment]{}, err
	}
	out := Page[Shipment]{Items: make([]Shipment, 0, len(rows))}
	for _, r := range rows {
		v := toShipment(r)
		if j, ok := regs[r.ID]; ok {
			v.Registration = registration(j, true) // a failed registration shows in the officers' list
		}
		out.Items = append(out.Items, v)
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), f.Limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// Transition is the office's side (staffMachine): hand a result to the carrier once the dossier
// has it (with no tracking number the parcel is registered with the carrier in the background,
// see handOver), register a posted dossier's parcel again, take back a parcel the post could not
// deliver, or receive a posted dossier at the counter (it becomes a submitted dossier).
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in Move) (Shipment, error) {
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sh, err := tenant.Load(ctx, id, q.GetShipmentForUpdate, visible(caller))
		if err != nil {
			return err
		}
		from, to := Status(sh.Status), in.To
		actor := staffActor{caller: caller, ward: sh.WardID, direction: Direction(sh.Direction)}
		if err := staffMachine.Check(from, to, actor); err != nil {
			return err
		}
		note := httpx.CleanOptional(in.Note)
		params := postaldb.SetShipmentStatusParams{ID: id, Status: string(to), OccurredAt: &now, Now: now}
		switch to {
		case HandedToCarrier:
			if Direction(sh.Direction) == Outbound {
				d, err := s.dossiers.SummaryInTx(ctx, tx, sh.DossierID.UUID)
				if err != nil {
					return err
				}
				if dossier.State(d.Status) != dossier.ResultReady {
					return ErrResultNotReady
				}
			}
			tracking := ""
			if in.TrackingNumber != nil {
				tracking = httpx.CleanText(*in.TrackingNumber)
			}
			if moved, err := s.handOver(ctx, tx, sh, tracking, note, caller.UserID, now); err != nil || !moved {
				return err
			}
			params.TrackingNumber = &tracking
		case Delivered: // a posted dossier reached the counter
			params.CollectedFeeVnd = in.CollectedFeeVND
			if err := s.arrive(ctx, tx, sh, now, &params); err != nil {
				return err
			}
		}
		if sh, err = q.SetShipmentStatus(ctx, params); err != nil {
			return err
		}
		// The move's event row, written through the machine (which checked it above, before any effect).
		if err := staffMachine.Apply(ctx, lifecycle.Event[Status, staffActor]{From: from, To: to, Actor: actor, Note: note, At: now},
			func(ctx context.Context, e lifecycle.Event[Status, staffActor]) error {
				return s.event(ctx, tx, sh, (*string)(&e.From), string(e.To), "staff", e.Actor.caller.UserID, e.Note, e.At)
			}); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: sh.WardID, ActorID: caller.UserID, Action: "shipment." + string(to),
			TargetType: "shipment", TargetID: sh.ID, At: now}); err != nil {
			return err
		}
		return s.tell(ctx, tx, sh, to)
	})
	if err != nil {
		return Shipment{}, err
	}
	return s.viewAs(ctx, id, caller)
}

// tell pushes the citizen the news of their parcel.
func (s *Service) tell(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, what Status) error {
	if !sh.CitizenID.Valid {
		return nil
	}
	tn := ""
	if sh.TrackingNumber != nil {
		tn = *sh.TrackingNumber
	}
	var title, body httpx.Text
	if Direction(sh.Direction) == Inbound {
		switch what {
		case HandedToCarrier:
			title = httpx.Text{VI: "Bưu điện sẽ đến nhận hồ sơ của ông/bà", EN: "The post will collect your dossier"}
			body = httpx.Text{VI: "Số hiệu bưu gửi: " + tn + ". Nhân viên bưu điện sẽ liên hệ để nhận hồ sơ tại địa chỉ ông/bà đã đăng ký.",
				EN: "Tracking number: " + tn + ". The postal worker will contact you to collect the dossier at the address you gave."}
		case Failed:
			title = httpx.Text{VI: "Chưa chuyển được hồ sơ của ông/bà đến Trung tâm", EN: "Your dossier has not reached the office"}
			body = httpx.Text{VI: "Bưu điện chưa chuyển được bưu gửi " + tn + ". Bộ phận một cửa sẽ liên hệ với ông/bà.",
				EN: "The post could not deliver parcel " + tn + ". The one-stop office will contact you."}
		default:
			return nil // on arrival the dossier's own message tells the citizen
		}
	} else {
		code := ""
		if sh.DossierCode != nil {
			code = *sh.DossierCode
		}
		switch what {
		case HandedToCarrier:
			title = httpx.Text{VI: "Kết quả hồ sơ " + code + " đã được chuyển cho bưu điện", EN: "Result of " + code + " handed to the post"}
			body = httpx.Text{VI: "Số hiệu bưu gửi: " + tn + ".", EN: "Tracking number: " + tn + "."}
		case Delivered:
			title = httpx.Text{VI: "Đã phát kết quả hồ sơ " + code, EN: "Result of " + code + " delivered"}
			body = httpx.Text{VI: "Bưu điện đã phát thành công bưu gửi " + tn + ".", EN: "The post delivered parcel " + tn + "."}
		case Failed:
			title = httpx.Text{VI: "Chưa phát được kết quả hồ sơ " + code, EN: "Result of " + code + " not delivered"}
			body = httpx.Text{VI: "Bưu điện chưa phát được bưu gửi " + tn + ". Bộ phận một cửa sẽ liên hệ với ông/bà.",
				EN: "The post could not deliver parcel " + tn + ". The one-stop office will contact you."}
		default:
			return nil
		}
	}
	data := map[string]string{push.KeyShipmentID: sh.ID.String(), push.KeyTrackingNumber: tn, push.KeyLink: shipmentLink(sh.ID)}
	if sh.DossierID.Valid {
		data[push.KeyDossierID] = sh.DossierID.UUID.String()
	}
	_, err := notify.Enqueue(ctx, tx, notify.Message{UserID: sh.CitizenID.UUID, Type: "shipment." + string(what), Title: title, Body: body,
		Data: data}, s.clock.Now)
	return err
}

// shipmentLink is the app's link to a shipment's screen.
func shipmentLink(id uuid.UUID) string {
	return push.Link(push.Shipment, id.String())
}

// Tariff is the ward's tariff (or the default).
func (s *Service) Tariff(ctx context.Context, caller auth.Principal) (Tariff, error) {
	t, err := tariff(ctx, s.q, caller.WardID)
	return Tariff{SameProvinceVND: t.SameProvinceVnd, OtherProvinceVND: t.OtherProvinceVnd, CODFeeVND: t.CodFeeVnd}, err
}

// PutTariff sets the ward's tariff.
func (s *Service) PutTariff(ctx context.Context, caller auth.Principal, in Tariff) (Tariff, error) {
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := s.q.WithTx(tx).PutTariff(ctx, postaldb.PutTariffParams{WardID: caller.WardID, SameProvinceVnd: in.SameProvinceVND,
			OtherProvinceVnd: in.OtherProvinceVND, CodFeeVnd: in.CODFeeVND, UpdatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, UpdatedAt: now}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "postal.tariff",
			TargetType: "ward", TargetID: caller.WardID, Detail: map[string]any{"same": in.SameProvinceVND, "other": in.OtherProvinceVND, "cod": in.CODFeeVND}, At: now})
	})
	if err != nil {
		return Tariff{}, err
	}
	return in, nil
}
