package dossier

import "time"

// SetCodeSource replaces the code generator until restore is called (tests force collisions).
func SetCodeSource(f func(received time.Time) string) (restore func()) {
	old := newCode
	newCode = f
	return func() { newCode = old }
}
