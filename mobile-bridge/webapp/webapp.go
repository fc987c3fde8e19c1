// Package webapp is the lightweight outreach web app (a PWA), embedded in the binary and served
// at / — no CDN: it must work on a cheap Android phone over 3G and in an office with no internet.
// It calls the same API as the phone apps.
package webapp

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// Static is the app's files: index.html (the shell), ES modules (main.js, api.js, router.js, view.js,
// i18n/, screens/), app.css, sw.js, manifest.webmanifest, icon.svg.
var Static, _ = fs.Sub(files, "static")
