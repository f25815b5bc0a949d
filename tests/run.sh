#!/usr/bin/env bash
# Runs every test of Participation: unit, integration, components and the browser suite on
# SQLite, then the unit and integration tests again on PostgreSQL.
# On a fresh Debian machine it first installs what the suites need (Chromium, Java, ffmpeg,
# PostgreSQL 15, Redis, nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# Voice testimonies are converted and disguised by ffmpeg.
{ command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; } || need+=(ffmpeg)
# Emoji in screenshots (reactions, the emoji scale) need a colour emoji font.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need+=(fonts-noto-color-emoji)
# Debian's own servers, started below in folders of their own: no container, no system service.
pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A free port on the loopback interface, below the range the system hands out to outgoing
# connections (32768 and up), where a port free now could be taken by a client a moment later.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Under /tmp, where Debian's postgres user can reach it whatever TMPDIR says.
services="$(mktemp -d -p /tmp participation-tests.XXXXXX)"
chmod 755 "$services"
as_postgres=()
# initdb refuses to run as root: the cluster then belongs to Debian's postgres user.
[ "$(id -u)" -ne 0 ] || as_postgres=(runuser -u postgres --)
stop_services() {
  [ -f "$services/pg/postmaster.pid" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$services/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$services/redis.pid" ] && kill "$(cat "$services/redis.pid")" 2>/dev/null || true
  rm -rf "$services"
}
trap stop_services EXIT

mkdir -p "$services/pg" "$services/pg-run"
[ "$(id -u)" -ne 0 ] || chown postgres: "$services/pg" "$services/pg-run"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$services/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# Test databases are thrown away: durability is traded for speed. A port taken between the check
# and the start is tried again on another one; a server that still will not start shows its log.
for attempt in 1 2 3; do
  pg_port="$(free_port)"
  if "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$services/pg" -w -t 60 -l "$services/pg-run/server.log" -o "-p $pg_port -k $services/pg-run \
    -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
    break
  fi
  echo "PostgreSQL did not start (attempt $attempt); its log:" >&2
  cat "$services/pg-run/server.log" >&2 || true
  [ "$attempt" -lt 3 ] || exit 1
  sleep 2
done
export PARTICIPATION_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

# Redis forks before it listens: it has started once it answers, or is tried on another port.
mkdir -p "$services/redis"
for attempt in 1 2 3; do
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$services/redis" --save "" --appendonly no \
    --daemonize yes --pidfile "$services/redis.pid" --logfile "$services/redis.log"
  for _ in $(seq 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && break 2
    sleep 0.1
  done
  echo "Redis did not start (attempt $attempt); its log:" >&2
  cat "$services/redis.log" >&2 || true
  [ "$attempt" -lt 3 ] || exit 1
done
export PARTICIPATION_TEST_REDIS="127.0.0.1:$redis_port"
echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"

dotnet tool restore >/dev/null
dotnet build Participation.sln -c Release -warnaserror --nologo -v quiet

log="$(mktemp)"
status=0
# A test stuck for half an hour (the longest, every page for every role, takes about fifteen minutes) is
# stopped and named, rather than holding the whole run.
hang="--blame-hang-timeout 30m --blame-hang-dump-type none"
# One test project at a time: the browser suite should not fight the others for two cores. The
# tests of what only PostgreSQL has wait for the second run.
started=$SECONDS
dotnet test Participation.sln -c Release --no-build --nologo -m:1 $hang --filter "Database!=Postgres" 2>&1 | tee "$log" || status=$?
sqlite_minutes=$(( (SECONDS - started) / 60 ))
# The unit and integration tests again, every test site on a PostgreSQL database of its own.
started=$SECONDS
PARTICIPATION_TEST_DATABASE=Postgres dotnet test tests/Participation.Tests -c Release --no-build --nologo $hang 2>&1 | tee "$log.pg" || status=$?
postgres_minutes=$(( (SECONDS - started) / 60 ))

count() { (grep -hEo "$1: +[0-9]+" "${@:2}" || true) | awk '{s+=$2} END {print s+0}'; }
passed_sqlite=$(count Passed "$log")
passed_postgres=$(count Passed "$log.pg")
passed=$((passed_sqlite + passed_postgres))
failed=$(count Failed "$log" "$log.pg")
skipped=$(count Skipped "$log" "$log.pg")
aborted=$( (grep -hc "Test Run Aborted" "$log" "$log.pg" || true) | awk '{s+=$1} END {print s+0}')
rm -f "$log" "$log.pg"
echo "Tests: ${passed} passed (${passed_sqlite} on SQLite in ${sqlite_minutes} min, ${passed_postgres} on PostgreSQL in ${postgres_minutes} min), ${failed} failed, ${skipped} skipped"
if [ "$skipped" -gt 0 ]; then
  echo "Skipped tests are not allowed." >&2
  status=1
fi
if [ "$aborted" -gt 0 ]; then
  echo "${aborted} test run(s) stopped before their end, by a stuck test or a crash: see \"The test running when\" above." >&2
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
exit "$status"
