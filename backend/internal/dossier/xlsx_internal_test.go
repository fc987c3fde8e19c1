package dossier

// SetExportMax lowers the workbook's row limit until restore is called.
func SetExportMax(n int) (restore func()) {
	old := exportMax
	exportMax = n
	return func() { exportMax = old }
}
