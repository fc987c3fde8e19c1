#!/usr/bin/env bash
# Checks the web app: its types (types/api.d.ts) are generated from the contract and up to date,
# and every module type-checks against them (tsc --checkJs, JSDoc types; there is no build step).
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "webapp check: npm not found (apt-get install nodejs npm)"; exit 1; }
{ [ -d node_modules/firebase ] && [ -d node_modules/esbuild ]; } || npm ci --no-audit --no-fund --loglevel=error
npx --no-install openapi-typescript ../../api-spec/openapi.yaml -o types/api.d.ts >/dev/null 2>&1
! git rev-parse --is-inside-work-tree >/dev/null 2>&1 || git diff --quiet -- types/api.d.ts || { echo "webapp check: types/api.d.ts was out of date with api-spec/openapi.yaml (regenerated: commit it)"; exit 1; }
npx --no-install tsc -p jsconfig.json
# The Firebase messaging bundle (static/vendor/) is committed; it must be what npm run bundle
# makes from the pinned package-lock.json, byte for byte.
npm run --silent bundle
! git rev-parse --is-inside-work-tree >/dev/null 2>&1 || git diff --quiet -- static/vendor || { echo "webapp check: static/vendor/ differed from a fresh npm run bundle (rebuilt: commit it)"; exit 1; }
if grep -rnE '\.(inner|outer)HTML *=|insertAdjacentHTML\(|document\.write\(' static --include=*.js; then
  echo "webapp check: markup from strings is not allowed (use view.js h())"; exit 1
fi
echo "webapp check: ok"
