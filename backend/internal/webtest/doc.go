// Package webtest drives the outreach web app in a real headless Chromium (Debian's chromium)
// against the real server and PostgreSQL, and saves a screenshot of each flow under
// test-artifacts/ (git-ignored).
package webtest
