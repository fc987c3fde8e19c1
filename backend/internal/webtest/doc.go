// Package webtest drives the outreach web app in a real headless Chromium (Debian's chromium)
// against the real server and PostgreSQL, at phone size (390×844): every screen a flow reaches
// is audited with axe-core (0 serious or critical violations) and photographed at 390×844 and
// 1280×800 under test-artifacts/web/ (git-ignored). axe-core comes from the app's npm
// dependencies (mobile-bridge/webapp/check.sh installs them).
package webtest
