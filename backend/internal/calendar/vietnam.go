package calendar

// National holidays and swapped working days for state offices (Bộ luật Lao động 2019, Điều
// 112: Tết Dương lịch, 5 days of Tết Nguyên Đán, Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5,
// Quốc khánh 2/9 plus one adjacent day; Điều 111 khoản 3: a holiday on the weekly rest day is
// taken on the next working day), as the Prime Minister's yearly decisions set them for civil
// servants. Lunar dates were checked with Hồ Ngọc Đức's Vietnamese lunar calendar algorithm (UTC+7).
//
// Holidays are mostly weekdays: those move due dates. Weekend days are listed too when they are
// a holiday themselves (Giỗ Tổ on Sunday 26/4/2026, 1/5/2027 on a Saturday) or fall inside the
// Tết Nguyên Đán break the notice announces: Calendar.IsHoliday answers true for them, so no
// home pickup or session is booked then, while due dates do not change (weekends are off anyway).
//
// A year stays Provisional until the government's notice for it is out; a ward's admin then
// corrects it with PUT /v1/calendar/{year}. Days the law does not (yet) give, such as the
// proposed "Ngày Văn hóa Việt Nam" (24/11), are not built in: an admin adds them the same way.
var national = map[int]Year{
	// Tết Ất Tỵ 25/1–2/2 and the year's holidays: công văn 8726/VPCP-KGVX of 26/11/2024 (as relayed at
	// https://pld.net.vn/tag/nghi-tet-nguyen-dan.html and https://licham.prices.vn/blog/lich-nghi-tet-nguyen-dan-2025);
	// 30/4–4/5 with Friday 2/5 swapped for Saturday 26/4.
	2025: {
		Source: "Bộ luật Lao động 2019, Điều 112; công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ",
		Holidays: []Day{
			{"2025-01-01", "Tết Dương lịch"},
			{"2025-01-25", "Nghỉ Tết Nguyên Đán (26 tháng Chạp)"}, {"2025-01-26", "Nghỉ Tết Nguyên Đán (27 tháng Chạp)"},
			{"2025-01-27", "Tết Nguyên Đán (28 tháng Chạp)"}, {"2025-01-28", "Tết Nguyên Đán (29 tháng Chạp)"},
			{"2025-01-29", "Tết Nguyên Đán (Mùng 1)"}, {"2025-01-30", "Tết Nguyên Đán (Mùng 2)"}, {"2025-01-31", "Tết Nguyên Đán (Mùng 3)"},
			{"2025-02-01", "Nghỉ Tết Nguyên Đán (Mùng 4)"}, {"2025-02-02", "Nghỉ Tết Nguyên Đán (Mùng 5)"},
			{"2025-04-07", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
			{"2025-04-30", "Ngày Chiến thắng"}, {"2025-05-01", "Ngày Quốc tế Lao động"},
			{"2025-05-02", "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"},
			{"2025-09-01", "Quốc khánh (nghỉ liền kề)"}, {"2025-09-02", "Quốc khánh"},
		},
		WorkingDays: []Day{{"2025-04-26", "Làm bù cho ngày 2/5"}},
	},
	// Tết Dương lịch: công văn 12729/VPCP-KGVX of 25/12/2025 (1/1–4/1, Friday 2/1 swapped for
	// Saturday 10/1; https://tracuuquyhoach.com/tin-tuc/tin-vui-cho-nguoi-lao-dong-chinh-phu-dong-y-nghi-tet-duong-lich-4-ngay-54100289).
	// Tết Bính Ngọ 14/2–22/2 and Quốc khánh 29/8–2/9 with Monday 31/8 swapped for Saturday 22/8: the
	// Prime Minister's decision relayed by Văn phòng Chính phủ in 10/2025
	// (https://kienthuc.net.vn/chot-phuong-an-nghi-tet-am-lich-binh-ngo-va-quoc-khanh-nam-2026-post1576857.html).
	// Giỗ Tổ is Sunday 26/4, taken on Monday 27/4 (Điều 111 khoản 3;
	// https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm).
	2026: {
		Source: "Bộ luật Lao động 2019, Điều 111, 112; ý kiến của Thủ tướng Chính phủ về nghỉ Tết Âm lịch, Quốc khánh năm 2026 (Văn phòng Chính phủ, 10/2025); công văn 12729/VPCP-KGVX ngày 25/12/2025",
		Holidays: []Day{
			{"2026-01-01", "Tết Dương lịch"},
			{"2026-01-02", "Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/1)"},
			{"2026-02-14", "Nghỉ Tết Nguyên Đán (27 tháng Chạp)"}, {"2026-02-15", "Nghỉ Tết Nguyên Đán (28 tháng Chạp)"},
			{"2026-02-16", "Tết Nguyên Đán (29 tháng Chạp)"},
			{"2026-02-17", "Tết Nguyên Đán (Mùng 1)"}, {"2026-02-18", "Tết Nguyên Đán (Mùng 2)"},
			{"2026-02-19", "Tết Nguyên Đán (Mùng 3)"}, {"2026-02-20", "Tết Nguyên Đán (Mùng 4)"},
			{"2026-02-21", "Nghỉ Tết Nguyên Đán (Mùng 5)"}, {"2026-02-22", "Nghỉ Tết Nguyên Đán (Mùng 6)"},
			{"2026-04-26", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
			{"2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4)"},
			{"2026-04-30", "Ngày Chiến thắng"}, {"2026-05-01", "Ngày Quốc tế Lao động"},
			{"2026-08-31", "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8)"},
			{"2026-09-01", "Quốc khánh (nghỉ liền kề)"}, {"2026-09-02", "Quốc khánh"},
		},
		WorkingDays: []Day{
			{"2026-01-10", "Làm bù cho ngày 2/1"},
			{"2026-08-22", "Làm bù cho ngày 31/8"},
		},
	},
	// No notice yet (none found as of 12/2026): the law's days on the lunar dates (Mùng 1 Đinh Mùi is
	// Saturday 6/2/2027, so 5/2 is 29 tháng Chạp; 10/3 âm lịch is Friday 16/4/2027), the Tết days
	// placed as in recent years, 1/5 on a Saturday taken on Monday 3/5 (Điều 111 khoản 3).
	2027: {
		Provisional: true,
		Source:      "Dự kiến theo Bộ luật Lao động 2019, Điều 111, 112; chưa có thông báo của Chính phủ cho năm 2027",
		Holidays: []Day{
			{"2027-01-01", "Tết Dương lịch"},
			{"2027-02-04", "Tết Nguyên Đán (28 tháng Chạp)"}, {"2027-02-05", "Tết Nguyên Đán (29 tháng Chạp)"},
			{"2027-02-06", "Tết Nguyên Đán (Mùng 1)"}, {"2027-02-07", "Tết Nguyên Đán (Mùng 2)"},
			{"2027-02-08", "Tết Nguyên Đán (Mùng 3)"}, {"2027-02-09", "Tết Nguyên Đán (Mùng 4)"}, {"2027-02-10", "Tết Nguyên Đán (Mùng 5)"},
			{"2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
			{"2027-04-30", "Ngày Chiến thắng"},
			{"2027-05-01", "Ngày Quốc tế Lao động"},
			{"2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)"},
			{"2027-09-02", "Quốc khánh"}, {"2027-09-03", "Quốc khánh (nghỉ liền kề)"},
		},
	},
}

// National returns the built-in calendar of a year. A year not built in has no special days
// and is provisional: nothing about it is known yet.
func National(year int) Year {
	y, ok := national[year]
	if !ok {
		return Year{Provisional: true}
	}
	return y
}
