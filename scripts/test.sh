#!/usr/bin/env bash
# Runs every test: the type check, lint, formatting, the unit and integration tests (Jest; store
# tests on SQLite and on a real PostgreSQL) and the end-to-end tests (Playwright
# in the machine's Chromium). Installs what it needs first; ends with one line
# `cloudops-tests: N passed, N failed, N skipped`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$CLOUDOPS_ROOT/scripts/lib/postgres.sh"
cd "$CLOUDOPS_ROOT"

yarn install --immutable
rm -rf artifacts/jest artifacts/e2e
mkdir -p artifacts/jest artifacts/e2e

start_test_postgres
trap stop_test_postgres EXIT
# No Docker engine: TestDatabases uses the server above or skips PostgreSQL.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

status=0
failed_steps=()
step() {
  local name="$1"
  shift
  "$@" || { status=1; failed_steps+=("$name"); }
}
echo "[cloudops] type check, lint and formatting" >&2
step tsc yarn tsc
step lint yarn lint:all
step prettier yarn prettier:check

echo "[cloudops] unit and integration tests" >&2
step jest env CI=true yarn test --json --outputFile="$CLOUDOPS_ROOT/artifacts/jest/results.json"

chromium="${CLOUDOPS_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then
  echo "[cloudops] end-to-end tests in $chromium" >&2
  step e2e env CI=true CLOUDOPS_CHROMIUM="$chromium" yarn playwright test
else
  echo "[cloudops] $chromium not found: end-to-end tests skipped (apt-get install chromium)" >&2
fi

if ((${#failed_steps[@]})); then
  echo "[cloudops] failed steps: ${failed_steps[*]}" >&2
fi
node scripts/lib/test-summary.js artifacts/jest/results.json artifacts/e2e/results.json || status=1
exit "$status"
