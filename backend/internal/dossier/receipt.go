package dossier

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/skip2/go-qrcode"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// Issued is a dossier's receipt as issued at intake, with what it prints beside the snapshot.
type Issued struct {
	Dossier     Dossier
	Receipt     Receipt
	TrackingURL string
}

// Receipt returns the receipt (giấy tiếp nhận và hẹn trả kết quả) as it was issued at intake: the
// snapshot, never re-read from the catalogue (DESIGN.md §4). A dossier not received has none.
func (s *Service) Receipt(ctx context.Context, caller auth.Principal, id uuid.UUID) (Issued, error) {
	d, err := s.load(ctx, caller, id)
	if err != nil {
		return Issued{}, err
	}
	issued := d.IssuedReceipt()
	if issued == nil || d.ReceivedAt == nil {
		return Issued{}, ErrNotReceived
	}
	rc := *issued
	if rc.OfficeName == "" { // receipts taken by migration 00010 leave the office to the ward's current name
		office, err := s.q.WardOffice(ctx, d.WardID)
		if err != nil {
			return Issued{}, err
		}
		rc.OfficeName = officeName(office.Name, office.OfficeName)
	}
	if rc.DocumentsReceived == nil {
		rc.DocumentsReceived = []string{}
	}
	return Issued{Dossier: d, Receipt: rc, TrackingURL: s.TrackingURL(d.Code)}, nil
}

// TrackingURL is the public page a receipt's QR code opens.
func (s *Service) TrackingURL(code string) string { return s.cfg.PublicBaseURL + "/track/" + code }

// ReceiptQR is a PNG QR code of the tracking link, sized to print on a receipt.
func (s *Service) ReceiptQR(ctx context.Context, caller auth.Principal, id uuid.UUID) ([]byte, error) {
	d, err := s.load(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	return qrcode.Encode(s.TrackingURL(d.Code), qrcode.Medium, 256)
}

// ReceiptPage is the printable receipt: an A5 HTML page (Mẫu giấy tiếp nhận hồ sơ và hẹn trả kết
// quả, Thông tư 01/2018/TT-VPCP) with the tracking link's QR code inlined, for the officer console
// to print. Every value is escaped by html/template.
func (s *Service) ReceiptPage(ctx context.Context, caller auth.Principal, id uuid.UUID) ([]byte, error) {
	r, err := s.Receipt(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	png, err := qrcode.Encode(r.TrackingURL, qrcode.Medium, 256)
	if err != nil {
		return nil, err
	}
	fee := "Theo quy định của tỉnh"
	if r.Receipt.FeeVND != nil {
		fee = vnd(*r.Receipt.FeeVND)
	}
	ret := "Tại Bộ phận một cửa"
	if r.Receipt.ReturnMethod == ReturnPostal {
		ret = "Nhận kết quả qua bưu điện"
	}
	officer := ""
	if r.Receipt.ReceivingOfficer != nil {
		officer = *r.Receipt.ReceivingOfficer
	}
	phone := ""
	if r.Dossier.ApplicantPhone != nil {
		phone = *r.Dossier.ApplicantPhone
	}
	var b bytes.Buffer
	err = receiptTemplate.Execute(&b, map[string]any{
		"Office": r.Receipt.OfficeName, "Ward": r.Receipt.WardName, "Code": r.Dossier.Code, "PortalCode": r.Dossier.PortalCode,
		"Applicant": r.Dossier.ApplicantName, "Phone": phone, "ProcedureCode": r.Receipt.ProcedureCode,
		"ProcedureName": r.Receipt.ProcedureName, "Documents": r.Receipt.DocumentsReceived, "Fee": fee,
		"ReceivedAt": r.Receipt.ReceivedAt.In(calendar.Location).Format("15:04, 02/01/2006"),
		"DueAt":      r.Receipt.DueAt.In(calendar.Location).Format("15:04, 02/01/2006"), "Return": ret, "Officer": officer,
		"Tracking": r.TrackingURL,
		// a data: URL of a PNG this package made: safe to inline
		"QR": template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
	})
	return b.Bytes(), err
}

// vnd writes an amount as receipts do: "8.000 đồng".
func vnd(n int64) string {
	s := strconv.FormatInt(n, 10)
	var out strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out.WriteByte('.')
		}
		out.WriteRune(c)
	}
	return out.String() + " đồng"
}

var receiptTemplate = template.Must(template.New("receipt").Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Giấy tiếp nhận hồ sơ và hẹn trả kết quả {{.Code}}</title>
<style>` + receiptCSS + `</style>
</head>
<body>
<header>
<div><strong>{{.Office}}</strong></div>
<div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập - Tự do - Hạnh phúc</div>
</header>
<h1>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</h1>
<p class="code">Mã hồ sơ: <strong>{{.Code}}</strong>{{with .PortalCode}} · Mã trên Cổng dịch vụ công: {{.}}{{end}}</p>
<dl>
<dt>Người nộp</dt><dd>{{.Applicant}}{{with .Phone}} · {{.}}{{end}}</dd>
<dt>Thủ tục</dt><dd>{{.ProcedureName}} ({{.ProcedureCode}})</dd>
<dt>Giấy tờ đã nhận</dt><dd>{{if .Documents}}<ol>{{range .Documents}}<li>{{.}}</li>{{end}}</ol>{{else}}Không có{{end}}</dd>
<dt>Phí, lệ phí</dt><dd>{{.Fee}}</dd>
<dt>Thời điểm tiếp nhận</dt><dd>{{.ReceivedAt}}</dd>
<dt>Ngày hẹn trả kết quả</dt><dd><strong>{{.DueAt}}</strong></dd>
<dt>Hình thức nhận kết quả</dt><dd>{{.Return}}</dd>
</dl>
<div class="qr"><img src="{{.QR}}" alt="Mã QR tra cứu hồ sơ {{.Code}}"><div>Quét mã để tra cứu tình trạng hồ sơ:<br>{{.Tracking}}</div></div>
<div class="sign">Người tiếp nhận<br><br><br><strong>{{.Officer}}</strong></div>
</body>
</html>
`))

// receiptCSS is the printable receipt's style. The console shows the page from a Blob URL, which
// keeps the app's Content-Security-Policy: the app allows this one inline style by its hash.
const receiptCSS = `
@page { size: A5 portrait; margin: 12mm; }
body { font-family: "Times New Roman", serif; font-size: 12pt; margin: 0; }
header { display: flex; justify-content: space-between; text-align: center; font-size: 11pt; }
h1 { font-size: 14pt; text-align: center; margin: 8mm 0 2mm; text-transform: uppercase; }
.code { text-align: center; margin: 0 0 6mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
ol { margin: 0; padding-left: 5mm; }
.qr { display: flex; align-items: center; gap: 4mm; margin-top: 6mm; font-size: 10pt; }
.qr img { width: 28mm; height: 28mm; }
.sign { text-align: right; margin-top: 8mm; }
`

// ReceiptStyleHash is the CSP source allowing the receipt's inline style ('sha256-…').
func ReceiptStyleHash() string {
	sum := sha256.Sum256([]byte(receiptCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
