// Package sdktest runs the mobile-bridge SDK against the real server and a real PostgreSQL, the
// way a phone would. It lives under backend/ because the test harness (testkit) is internal here.
package sdktest
