package seed

import "github.com/motcuagandan/motcua/backend/internal/procedure"

// Channel sets used below.
var (
	allChannels = []string{procedure.ChannelCounter, procedure.ChannelOnline, procedure.ChannelHomePickup,
		procedure.ChannelSaturdaySession, procedure.ChannelPostalReturn}
	// The applicants must sign in front of the officer: no home pickup, no online filing.
	inPersonChannels = []string{procedure.ChannelCounter, procedure.ChannelSaturdaySession, procedure.ChannelPostalReturn}
)

func hour(h int) *int { return &h }

func fee(vnd int64) *int64 { return &vnd }

func note(s string) *string { return &s }

var (
	free = fee(0)
	// provinceFee: set by the province's People's Council and not known to the demo catalogue;
	// shown as "theo quy định của tỉnh", never as 0. A ward's admin fills it in.
	provinceFee *int64
)

// Procedures is the demo catalogue every demo ward gets: common ward-level procedures with
// their codes and names as published on the national public-service portal (Cổng Dịch vụ công
// quốc gia). Processing days are the legal maximum in working days (calendar days where the law
// says so); 0 with cut-off 15 means "the same day; received after 15:00, the next working day".
// Fees are in VND. Fees set nationally are exact (chứng thực: Thông tư 226/2016/TT-BTC; bản sao
// trích lục: Thông tư 281/2016/TT-BTC); the civil-status registrations the Law on Civil Status
// (Điều 11) exempts are 0; fees each province's People's Council sets are provinceFee (unknown)
// unless a value is given, marked so in a comment, which a ward's admin should check and edit.
var Procedures = []procedure.Procedure{
	// --- Hộ tịch (civil status) ---
	{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đăng ký khai sinh theo mẫu",
			"Giấy chứng sinh (không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh)",
			"Giấy tờ tùy thân của người đi đăng ký (thẻ căn cước, hộ chiếu hoặc tài khoản định danh điện tử VNeID)",
			"Văn bản ủy quyền có chứng thực (khi nộp thay)",
		}, Channels: allChannels},
	{Code: "1.004884", Name: "Đăng ký lại khai sinh", Field: "Hộ tịch", ProcessingDays: 5, FeeVND: provinceFee,
		RequiredDocuments: []string{
			"Tờ khai đăng ký lại khai sinh theo mẫu",
			"Bản sao giấy tờ có thông tin khai sinh đã cấp trước đây (nếu có)",
			"Giấy tờ tùy thân của người yêu cầu",
		}, Channels: allChannels},
	{Code: "1.000894", Name: "Đăng ký kết hôn", Field: "Hộ tịch", ProcessingDays: 5, FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đăng ký kết hôn theo mẫu (hai bên cùng ký)",
			"Giấy tờ tùy thân của hai bên nam, nữ",
			"Giấy xác nhận tình trạng hôn nhân (khi một bên không thường trú tại phường)",
		}, Channels: []string{procedure.ChannelCounter, procedure.ChannelOnline, procedure.ChannelSaturdaySession}},
	{Code: "1.000656", Name: "Đăng ký khai tử", Field: "Hộ tịch", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đăng ký khai tử theo mẫu",
			"Giấy báo tử hoặc giấy tờ thay thế giấy báo tử",
			"Giấy tờ tùy thân của người đi đăng ký",
		}, Channels: allChannels},
	{Code: "1.001022", Name: "Đăng ký nhận cha, mẹ, con", Field: "Hộ tịch", ProcessingDays: 3, FeeVND: provinceFee,
		RequiredDocuments: []string{
			"Tờ khai đăng ký nhận cha, mẹ, con theo mẫu",
			"Văn bản của cơ sở y tế hoặc cơ quan giám định xác nhận quan hệ cha, mẹ, con (hoặc chứng cứ khác)",
			"Giấy tờ tùy thân của các bên",
		}, Channels: allChannels},
	{Code: "1.004837", Name: "Đăng ký giám hộ", Field: "Hộ tịch", ProcessingDays: 3, FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đăng ký giám hộ theo mẫu",
			"Văn bản cử người giám hộ (giám hộ cử) hoặc giấy tờ chứng minh điều kiện giám hộ đương nhiên",
			"Giấy tờ tùy thân của người yêu cầu",
		}, Channels: allChannels},
	{Code: "1.004859", Name: "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", Field: "Hộ tịch",
		ProcessingDays: 3, FeeVND: provinceFee,
		RequiredDocuments: []string{
			"Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu",
			"Giấy khai sinh hoặc giấy tờ hộ tịch cần thay đổi, cải chính",
			"Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung",
		}, Channels: allChannels},
	{Code: "1.004873", Name: "Cấp Giấy xác nhận tình trạng hôn nhân", Field: "Hộ tịch", ProcessingDays: 3, FeeVND: provinceFee,
		RequiredDocuments: []string{
			"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
			"Giấy tờ chứng minh việc đã ly hôn hoặc vợ/chồng đã chết (nếu có)",
			"Giấy tờ tùy thân của người yêu cầu",
		}, Channels: allChannels},
	{Code: "2.000635", Name: "Cấp bản sao trích lục hộ tịch", Field: "Hộ tịch", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: fee(8000), FeeNote: note("mỗi bản sao"), // Thông tư 281/2016/TT-BTC
		RequiredDocuments: []string{
			"Tờ khai cấp bản sao trích lục hộ tịch theo mẫu",
			"Giấy tờ tùy thân của người yêu cầu",
			"Văn bản ủy quyền (khi yêu cầu thay)",
		}, Channels: allChannels},

	// --- Chứng thực (certification) ---
	{Code: "2.000815", Name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; " +
		"cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, " +
		"tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận",
		Field: "Chứng thực", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: fee(2000), // Thông tư 226/2016/TT-BTC
		FeeNote: note("mỗi trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản"),
		RequiredDocuments: []string{
			"Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao",
			"Bản sao cần chứng thực (khi người yêu cầu tự chuẩn bị)",
		}, Channels: allChannels},
	{Code: "2.000884", Name: "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và " +
		"trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
		Field: "Chứng thực", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: fee(10000), FeeNote: note("mỗi trường hợp"),
		RequiredDocuments: []string{
			"Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực",
			"Giấy tờ, văn bản sẽ ký (ký trước mặt người thực hiện chứng thực)",
		}, Channels: inPersonChannels},
	{Code: "2.001035", Name: "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
		Field: "Chứng thực", ProcessingDays: 2, FeeVND: fee(50000), FeeNote: note("mỗi hợp đồng, giao dịch"),
		RequiredDocuments: []string{
			"Dự thảo hợp đồng, giao dịch",
			"Giấy tờ tùy thân của các bên tham gia giao dịch",
			"Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở (kèm bản chính để đối chiếu) hoặc giấy tờ về động sản",
		}, Channels: []string{procedure.ChannelCounter, procedure.ChannelPostalReturn}},
	{Code: "2.001019", Name: "Chứng thực di chúc", Field: "Chứng thực", ProcessingDays: 2, FeeVND: fee(50000), FeeNote: note("mỗi di chúc"),
		RequiredDocuments: []string{
			"Dự thảo di chúc",
			"Giấy tờ tùy thân của người lập di chúc",
			"Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản (khi di chúc định đoạt tài sản phải đăng ký)",
		}, Channels: []string{procedure.ChannelCounter}},
	{Code: "2.000908", Name: "Cấp bản sao từ sổ gốc", Field: "Chứng thực", ProcessingDays: 0, CutoffHour: hour(15), FeeVND: free,
		RequiredDocuments: []string{
			"Văn bản đề nghị cấp bản sao từ sổ gốc",
			"Giấy tờ tùy thân của người yêu cầu",
			"Giấy tờ chứng minh quan hệ với người được cấp bản chính (khi yêu cầu thay)",
		}, Channels: allChannels},

	// --- Bảo trợ xã hội (social protection) ---
	{Code: "1.001776", Name: "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
		Field: "Bảo trợ xã hội", ProcessingDays: 15, FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đề nghị trợ giúp xã hội hoặc tờ khai nhận chăm sóc, nuôi dưỡng theo mẫu",
			"Giấy khai sinh hoặc giấy tờ tùy thân của đối tượng",
			"Giấy xác nhận khuyết tật (đối với người khuyết tật)",
		}, Channels: allChannels},
	{Code: "1.001731", Name: "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", Field: "Bảo trợ xã hội", ProcessingDays: 3, FeeVND: free,
		RequiredDocuments: []string{
			"Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu",
			"Giấy báo tử hoặc trích lục khai tử",
			"Giấy tờ tùy thân của người đứng ra mai táng",
		}, Channels: allChannels},
	// The law gives this one longer than most: the ward's disability assessment council meets on it.
	{Code: "1.001699", Name: "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", Field: "Bảo trợ xã hội",
		ProcessingDays: 25, FeeVND: free,
		RequiredDocuments: []string{
			"Đơn đề nghị xác định, xác định lại mức độ khuyết tật theo mẫu",
			"Bản sao giấy tờ y tế liên quan đến khuyết tật (bệnh án, giấy ra viện, giấy khám)",
			"Bản sao kết luận của Hội đồng Giám định y khoa (nếu có)",
		}, Channels: allChannels},

	// --- Người có công (people with meritorious services) ---
	// The name is as published; the code is believed right but not verified against the portal.
	{Code: "1.010803", Name: "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", Field: "Người có công", ProcessingDays: 10, FeeVND: free,
		RequiredDocuments: []string{
			"Bản khai đề nghị hưởng trợ cấp thờ cúng liệt sĩ theo mẫu",
			"Bản sao Bằng Tổ quốc ghi công",
			"Văn bản ủy quyền thờ cúng của thân nhân liệt sĩ (khi người thờ cúng không phải thân nhân)",
		}, Channels: allChannels},

	// --- Đất đai (land) ---
	// The Land Law 2024 (Điều 235) gives the ward no more than 30 days to mediate, counted in
	// calendar days from the request. The name is as published; the code is believed right but not
	// verified against the portal.
	{Code: "1.013975", Name: "Hòa giải tranh chấp đất đai", Field: "Đất đai", ProcessingDays: 30,
		DayCount: procedure.DayCountCalendar, FeeVND: free,
		RequiredDocuments: []string{
			"Đơn yêu cầu hòa giải tranh chấp đất đai",
			"Giấy tờ liên quan đến thửa đất đang tranh chấp (nếu có)",
			"Giấy tờ tùy thân của người yêu cầu",
		}, Channels: []string{procedure.ChannelCounter, procedure.ChannelOnline, procedure.ChannelSaturdaySession}},

	// --- Hộ kinh doanh (household businesses) ---
	{Code: "1.001612", Name: "Đăng ký thành lập hộ kinh doanh", Field: "Hộ kinh doanh", ProcessingDays: 3,
		FeeVND: fee(100000), // fee set by the province
		RequiredDocuments: []string{
			"Giấy đề nghị đăng ký hộ kinh doanh theo mẫu",
			"Bản sao biên bản họp thành viên hộ gia đình (khi các thành viên cùng đăng ký)",
			"Bản sao hợp đồng thuê, mượn địa điểm kinh doanh (khi không thuộc quyền sử dụng của hộ)",
		}, Channels: []string{procedure.ChannelCounter, procedure.ChannelOnline, procedure.ChannelSaturdaySession, procedure.ChannelPostalReturn}},
}
