#!/usr/bin/env bash
# Runs every ReviewRoom test: unit and bUnit, integration (real SQLite files, then PostgreSQL; real ffmpeg) and
# browser tests (Playwright driving Debian's Chromium against the app on a free loopback port).
set -euo pipefail
cd "$(dirname "$0")/.."
source src/scripts/ensure-packages.sh
ensure_dotnet
ensure_packages ffmpeg:ffmpeg ffprobe:ffmpeg /usr/bin/chromium:chromium node:nodejs npm:npm \
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core pdftotext:poppler-utils pdfimages:poppler-utils \
  pg_ctlcluster:postgresql redis-server:redis-server /usr/sbin/nginx:nginx
# Redocly CLI (npm) lints the pipeline API's OpenAPI document in the integration tests.
npm ci --prefix tests/tools --silent --no-audit --no-fund

# Analyzers and code style are errors in the build; layout (whitespace, indentation) is checked here.
dotnet build ReviewRoom.sln -c Release -nologo -v quiet -clp:ErrorsOnly
if ! dotnet format whitespace ReviewRoom.sln --verify-no-changes -v quiet; then
  echo "The code's layout differs from .editorconfig: run 'dotnet format ReviewRoom.sln' and commit what it changes." >&2
  exit 1
fi

log=$(mktemp)
jslog=$(mktemp)
trap 'rm -f "$log" "$jslog"' EXIT
status=0
# The player script's frame math against the same vectors as Core's, and the vendored scripts against
# their recorded npm releases (node's own test runner).
node --test tests/js/ 2>&1 | tee "$jslog" || status=$?
# One test assembly at a time: the browser tests want the two cores to themselves.
dotnet test ReviewRoom.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?
# The integration suite again on PostgreSQL, the studio deployment's database: a throw-away server the tests start
# and stop themselves. Only the tests of the SQLite file itself stay out.
echo "Integration tests on PostgreSQL"
REVIEWROOM_TEST_DATABASE=PostgreSql dotnet test tests/ReviewRoom.IntegrationTests -c Release --no-build -nologo \
  --filter "Database!=SqliteFileOnly&Database!=AlwaysPostgreSql" 2>&1 | tee -a "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
passed=$((passed + $(grep -Eo '^# pass [0-9]+' "$jslog" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -Eo '^# fail [0-9]+' "$jslog" | awk '{s+=$3} END {print s+0}')))
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
