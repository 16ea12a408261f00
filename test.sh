#!/usr/bin/env bash
# Restores, builds and runs every PlanLoop test: unit, API, data tests on SQLite and on a real
# PostgreSQL, and browser tests in headless Chromium. Installs what is missing (Debian's chromium,
# a CJK font, PostgreSQL), starts a private PostgreSQL cluster on 127.0.0.1 and a free port, and
# removes it at exit. Extra arguments go to 'dotnet test' (e.g. --filter "FullyQualifiedName~Money").
# The last line is the summary: "N passed, N failed, N skipped". Exit status is non-zero on any failure.
set -Eeuo pipefail
cd "$(dirname "$0")"
root=$PWD
out="$root/.test-output"
rm -rf "$out"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# --- 1. System packages -----------------------------------------------------------------------
missing=()
for pkg in chromium fonts-wqy-microhei libgdiplus sqlite3 wrk glpk-utils; do installed "$pkg" || missing+=("$pkg"); done
pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
[ -n "$pg_bin" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi

# --- 2. A private PostgreSQL cluster ----------------------------------------------------------
pg_dir=$(mktemp -d /tmp/planloop-pg.XXXXXX)
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; pg_user=postgres; fi
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}
pg_port=$(free_port)
echo "== starting PostgreSQL ($("$pg_bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$pg_port"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U "$pg_user" -A trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$pg_dir/server.log"; exit 1; }
export PLANLOOP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=postgres"
export PLANLOOP_CHROMIUM="${PLANLOOP_CHROMIUM:-/usr/bin/chromium}"
export PLANLOOP_TEST_OUTPUT="$out"

# --- 3. Build and test ------------------------------------------------------------------------
echo "== restore and build"
dotnet tool restore >/dev/null
dotnet build PlanLoop.slnx -nologo -clp:ErrorsOnly
echo "== style (dotnet format --verify-no-changes)"
dotnet format PlanLoop.slnx --verify-no-changes --no-restore --exclude src/PlanLoop.Migrations.Sqlite/Migrations src/PlanLoop.Migrations.Postgres/Migrations

echo "== test"
# The unit, data, API and CLI tests run side by side; the browser tests run after them, alone, so a
# 2-core machine busy with PostgreSQL and demo loads does not starve headless Chromium.
status=0
run_tests() {
  local project=$1; shift
  dotnet test "tests/$project" --no-build -nologo --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=minimal" \
    --results-directory "$out/results" "$@"
}
pids=()
for project in PlanLoop.Domain.Tests PlanLoop.Features.Tests PlanLoop.Web.Tests PlanLoop.Cli.Tests; do
  run_tests "$project" "$@" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
run_tests PlanLoop.Browser.Tests "$@" || status=1
if [ -f "$out/screenshots/lost-picks.log" ]; then echo "== browser picks that had to be made twice:"; cat "$out/screenshots/lost-picks.log"; fi

# The benchmark suite's smoke run: the small data set through the importers and every measurement
# (sqlite3 / COPY, hand-written SQL, export, wrk, RSS) once on each database. Timings are written to
# .test-output/bench, never asserted; a failure of the run itself fails the tests.
if [ $# -eq 0 ]; then
  for provider in sqlite postgres; do
    echo "== benchmark smoke ($provider, small scale)"
    db=(); [ "$provider" = postgres ] && db=(--db "$PLANLOOP_TEST_POSTGRES")
    if dotnet artifacts/bin/PlanLoop.Cli/debug/planloop.dll bench run --scale small --runs 1 --api-seconds 2 --provider "$provider" "${db[@]}" \
         --out "$out/bench" >"$out/bench-$provider.log" 2>&1; then
      grep -E "^\| (import orders|home dashboard|export orders .csv|\`/api/ping)" "$out/bench-$provider.log" || true
    else
      status=1; echo "benchmark smoke failed ($provider):"; tail -40 "$out/bench-$provider.log"
    fi
  done
fi

# --- 4. Summary -------------------------------------------------------------------------------
passed=0; failed=0; skipped=0
for trx in "$out"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # the run broke before reporting
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
