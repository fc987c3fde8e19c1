package calendar

// National holidays and swapped working days for state offices, from the Ministry of Home
// Affairs' yearly notices (Bộ luật Lao động 2019, Điều 112: Tết Dương lịch, 5 days of Tết
// Nguyên Đán, Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 plus one adjacent day;
// a holiday on a weekend is taken on the next working day). Only weekday holidays are listed:
// weekends are off anyway. 2027 follows the same rules before its notice is issued; a ward's
// admin corrects any year with PUT /v1/calendar/{year} when the notice differs.
var national = map[int]Year{
	2025: {
		Holidays: []Day{
			{"2025-01-01", "Tết Dương lịch"},
			{"2025-01-27", "Tết Nguyên Đán"}, {"2025-01-28", "Tết Nguyên Đán"}, {"2025-01-29", "Tết Nguyên Đán (Mùng 1)"},
			{"2025-01-30", "Tết Nguyên Đán"}, {"2025-01-31", "Tết Nguyên Đán"},
			{"2025-04-07", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
			{"2025-04-30", "Ngày Chiến thắng"}, {"2025-05-01", "Ngày Quốc tế Lao động"},
			{"2025-05-02", "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"},
			{"2025-09-01", "Quốc khánh (nghỉ liền kề)"}, {"2025-09-02", "Quốc khánh"},
		},
		WorkingDays: []Day{{"2025-04-26", "Làm bù cho ngày 2/5"}},
	},
	2026: {
		Holidays: []Day{
			{"2026-01-01", "Tết Dương lịch"},
			{"2026-02-16", "Tết Nguyên Đán"}, {"2026-02-17", "Tết Nguyên Đán (Mùng 1)"}, {"2026-02-18", "Tết Nguyên Đán"},
			{"2026-02-19", "Tết Nguyên Đán"}, {"2026-02-20", "Tết Nguyên Đán"},
			{"2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4)"},
			{"2026-04-30", "Ngày Chiến thắng"}, {"2026-05-01", "Ngày Quốc tế Lao động"},
			{"2026-09-01", "Quốc khánh (nghỉ liền kề)"}, {"2026-09-02", "Quốc khánh"},
		},
	},
	2027: {
		Holidays: []Day{
			{"2027-01-01", "Tết Dương lịch"},
			{"2027-02-04", "Tết Nguyên Đán"}, {"2027-02-05", "Tết Nguyên Đán (30 Tết)"}, {"2027-02-08", "Tết Nguyên Đán"},
			{"2027-02-09", "Tết Nguyên Đán"}, {"2027-02-10", "Tết Nguyên Đán"},
			{"2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
			{"2027-04-30", "Ngày Chiến thắng"},
			{"2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)"},
			{"2027-09-02", "Quốc khánh"}, {"2027-09-03", "Quốc khánh (nghỉ liền kề)"},
		},
	},
}

// National returns the built-in calendar of a year (empty for years not built in).
func National(year int) Year { return national[year] }
