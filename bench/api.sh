#!/usr/bin/env bash
# API throughput: GET /api/v1/posts (a page of 20 out of 100k posts, logged in) against the bare
# GET /api/v1/health measured in the same run on the same server. Targets: the list keeps at least 50% of
# health's requests per second, and its p99 latency stays under 10 ms.
#
#   bench/api.sh            (expects build/lianfang; `make bench` builds it first)
#
# Knobs (environment): POSTS=100000 DURATION=10s WRK_THREADS=2 CONNECTIONS=32 SERVER_THREADS=2 PAGES=50
#                      LIANFANG_BIN=build/lianfang STRICT=1 (exit 1 when a target is missed)
# Writes the figures to bench/out/api.md as well.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${LIANFANG_BIN:-$ROOT/build/lianfang}
POSTS=${POSTS:-100000}
DURATION=${DURATION:-10s}
WRK_THREADS=${WRK_THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_THREADS=${SERVER_THREADS:-2}
PAGES=${PAGES:-50}
USERNAME=jiwei
PASSWORD='Lianfang@2026'

die() { echo "bench/api.sh: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "no server binary at $BIN (run 'make build' first)"
command -v wrk >/dev/null || die "wrk is not installed (scripts/setup installs it)"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lianfang-bench.XXXXXX")
DB=$WORK/bench.db
LOG=$WORK/server.log
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== store: demo data + $POSTS posts ($DB)"
"$BIN" init --demo --db "$DB" >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "init failed"; }
seed_start=$(date +%s.%N)
"$BIN" bench-seed --db "$DB" --posts "$POSTS" >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "bench-seed failed"; }
seed_secs=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
printf '   seeded in %.1f s\n' "$seed_secs"

# start_server [ARGS...] → starts `lianfang serve` on the store, logs in, checks the list; sets URL, COOKIE.
start_server() {
  echo "== server: $SERVER_THREADS threads $*"
  "$BIN" serve --db "$DB" --host 127.0.0.1 --port 0 --threads "$SERVER_THREADS" "$@" >"$LOG" 2>&1 &
  SERVER_PID=$!
  URL=
  for _ in $(seq 600); do
    URL=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$LOG" 2>/dev/null | head -1 | sed 's/^listening on //') || true
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; die "server exited"; }
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$LOG" >&2; die "server did not start in 60 s"; }
  echo "   $URL"

  # Log in and keep the session cookie.
  HEADERS=$WORK/login.headers
  status=$(curl -s -o "$WORK/login.json" -D "$HEADERS" -w '%{http_code}' -H 'content-type: application/json' \
    --data "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/auth/login")
  [ "$status" = 200 ] || { cat "$WORK/login.json" >&2; die "login as $USERNAME: HTTP $status"; }
  COOKIE=$(grep -i '^set-cookie: *lf_session=' "$HEADERS" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: *//; s/;.*//' | tr -d '\r')
  [ -n "$COOKIE" ] || die "no lf_session cookie in the login response"
  export LF_COOKIE=$COOKIE LF_PAGES=$PAGES

  # The list must work and hold the seeded posts before it is worth measuring.
  status=$(curl -s -o "$WORK/page.json" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL/api/v1/posts?page=$PAGES&size=20")
  [ "$status" = 200 ] || { head -c 500 "$WORK/page.json" >&2; die "GET /api/v1/posts: HTTP $status"; }
  total=$(grep -o '"total":[0-9]*' "$WORK/page.json" | head -1 | cut -d: -f2)
  [ -n "$total" ] && [ "$total" -ge "$POSTS" ] || die "GET /api/v1/posts total is '${total:-none}', expected at least $POSTS"
  items=$(grep -o '"department_name"' "$WORK/page.json" | wc -l)
  [ "$items" -eq 20 ] || die "GET /api/v1/posts?page=$PAGES&size=20 returned $items items, expected 20"
  echo "   $USERNAME sees $total posts"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  SERVER_PID=
}

start_server

# run NAME SCRIPT PATH → sets RPS_<NAME>, P50_<NAME>, P99_<NAME> (ms) from the scripts' LF_RESULT line.
run() {
  local name=$1 script=$2 path=$3 out line
  echo "== wrk $path: ${DURATION}, $WRK_THREADS threads, $CONNECTIONS connections"
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$ROOT/bench/wrk/$script" "$URL$path" >"$WORK/$name.wrk" 2>&1 \
    || { cat "$WORK/$name.wrk" >&2; die "wrk failed"; }
  sed 's/^/   /' "$WORK/$name.wrk" | grep -v LF_RESULT
  line=$(grep '^LF_RESULT' "$WORK/$name.wrk") || die "no summary from wrk"
  local rps p50 p99 errors non2xx
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
  non2xx=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")
  [ "$non2xx" -eq 0 ] || die "$path: $non2xx responses were not 2xx (session lost or server error)"
  [ "$errors" -eq 0 ] || echo "   warning: $errors socket errors"
  printf -v "RPS_$name" '%s' "$rps"
  printf -v "P50_$name" '%s' "$(awk -v u="$p50" 'BEGIN{printf "%.3f", u/1000}')"
  printf -v "P99_$name" '%s' "$(awk -v u="$p99" 'BEGIN{printf "%.3f", u/1000}')"
}

run health report.lua /api/v1/health
run list posts.lua /api/v1/posts
# The same list with every version-keyed read cache off: each request goes through the tables.
stop_server
start_server --no-read-cache
run uncached posts.lua /api/v1/posts

RATIO_PCT=$(awk -v l="$RPS_list" -v h="$RPS_health" 'BEGIN{printf "%.1f", (h > 0) ? (100 * l / h) : 0}')
ratio_ok=$(awk -v r="$RATIO_PCT" 'BEGIN{print ((r >= 50) ? 1 : 0)}')
p99_ok=$(awk -v p="$P99_list" 'BEGIN{print ((p < 10) ? 1 : 0)}')
verdict() { [ "$1" = 1 ] && echo "met" || echo "MISSED"; }

echo
echo "== results"
printf '   %-28s %12s %10s %10s\n' endpoint 'req/s' 'p50 ms' 'p99 ms'
printf '   %-28s %12.0f %10.2f %10.2f\n' 'GET /api/v1/health' "$RPS_health" "$P50_health" "$P99_health"
printf '   %-28s %12.0f %10.2f %10.2f\n' 'GET /api/v1/posts (size 20)' "$RPS_list" "$P50_list" "$P99_list"
printf '   %-28s %12.0f %10.2f %10.2f\n' '  same, --no-read-cache' "$RPS_uncached" "$P50_uncached" "$P99_uncached"
printf '   list / health req/s: %s%% (target >= 50%%: %s)\n' "$RATIO_PCT" "$(verdict "$ratio_ok")"
printf '   list p99: %s ms (target < 10 ms: %s)\n' "$P99_list" "$(verdict "$p99_ok")"

mkdir -p "$ROOT/bench/out"
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
{
  echo "# API benchmark"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores${cpu:+ ($cpu)}, lianfang $("$BIN" version 2>/dev/null | awk '{print $2}'),"
  echo "SQLite store with the demo data and $POSTS seeded posts ($total visible to $USERNAME), server \`--threads $SERVER_THREADS\`,"
  echo "wrk $DURATION per endpoint, $WRK_THREADS threads, $CONNECTIONS connections, loopback; the list cycles pages 1..$PAGES."
  echo
  echo "| endpoint | req/s | p50 (ms) | p99 (ms) |"
  echo "|---|---:|---:|---:|"
  printf '| `GET /api/v1/health` | %.0f | %.2f | %.2f |\n' "$RPS_health" "$P50_health" "$P99_health"
  printf '| `GET /api/v1/posts?page=N&size=20` | %.0f | %.2f | %.2f |\n' "$RPS_list" "$P50_list" "$P99_list"
  printf '| same, server started with `--no-read-cache` | %.0f | %.2f | %.2f |\n' "$RPS_uncached" "$P50_uncached" "$P99_uncached"
  echo
  echo "| target | value | verdict |"
  echo "|---|---:|---|"
  echo "| list req/s ≥ 50% of health | $RATIO_PCT% | $(verdict "$ratio_ok") |"
  echo "| list p99 < 10 ms | $P99_list ms | $(verdict "$p99_ok") |"
} >"$ROOT/bench/out/api.md"
echo "   written to bench/out/api.md"

if [ "${STRICT:-0}" = 1 ] && { [ "$ratio_ok" != 1 ] || [ "$p99_ok" != 1 ]; }; then exit 1; fi
exit 0
