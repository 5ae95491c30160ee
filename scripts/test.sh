#!/usr/bin/env bash
# Runs every test of Baton: builds, starts what the tests need (PostgreSQL and Redis servers), runs them, prints
#   tests: N passed, N failed
# and exits non-zero when anything failed. Usage: scripts/test.sh [extra dotnet test args]
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

if [ ! -d ../shared/data ]; then
  echo "warning: ../shared/data is missing; the reference-data tests will fail" >&2
fi

# From Debian when missing (CI runs as root on a fresh Debian 12): Chromium for the report's browser tests
# (tests/Baton.Runs.Tests and the dashboard's tests/Baton.Web.Tests, which fail without it), Node.js and npm
# to build the report's views and the dashboard's page, redis-server for the live tests (tests/Baton.Redis.Tests
# and the kill tests in tests/Baton.Cli.Tests fail without it).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v npm >/dev/null || need+=(nodejs npm)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "installing ${need[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/dev/null \
    || echo "warning: could not install ${need[*]}" >&2
fi
# A real PostgreSQL server for the tests that need one (they fail, not skip, without BATON_TEST_PG).
source scripts/pg-server.sh
source scripts/redis-server.sh
trap 'pg_server_stop; redis_server_stop' EXIT
pg_server_start || echo "warning: could not start PostgreSQL; the PostgreSQL tests will fail" >&2
# A real Redis server for the live tests (they fail, not skip, without BATON_TEST_REDIS).
redis_server_start || echo "warning: could not start redis-server; the live Redis tests will fail" >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Baton.slnx -c Release -v quiet -nologo || { echo "tests: 0 passed, 1 failed"; exit 1; }

status=0
dotnet test Baton.slnx -c Release --no-build -nologo -v quiet \
  --logger "trx" --results-directory "$results" "$@" || status=$?

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
    # Each failure's test and message, so a CI log names what broke.
    for r in ET.parse(f).getroot().iterfind(".//{*}UnitTestResult"):
        if r.get("outcome") != "Failed": continue
        m = r.find(".//{*}Message")
        print(f"FAILED {r.get('testName')}: {(m.text or '').strip()[:600] if m is not None else ''}")
print(f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
