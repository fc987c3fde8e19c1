package dossier

// SetExportMax lowers the workbook's row limit until restore is called.
func SetExportMax(n int) (restore func()) {
	old := exportMax
	exportMax = n
	return func() { exportMax = old }
}

// SetExportPage sets how many dossiers each export query reads until restore is called.
func SetExportPage(n int) (restore func()) {
	old := exportPage
	exportPage = n
	return func() { exportPage = old }
}
