#!/usr/bin/env bash
# Event ingest: POST /api/v1/events with batches of NDJSON, each acknowledged only once it is committed
# (SQLite WAL with synchronous=FULL), against the same server's GET /api/v1/health round trip as the baseline.
# Reports events/s acknowledged, and how long the monitor then takes to check them (the server's worker).
#
#   bench/ingest.sh            Knobs: BATCHES=50 BATCH=2000 LIANFANG_BIN=build/lianfang
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${LIANFANG_BIN:-$ROOT/build/lianfang}
BATCHES=${BATCHES:-50}
BATCH=${BATCH:-2000}
[ -x "$BIN" ] || { echo "bench/ingest.sh: no $BIN (make build)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lianfang-ingest.XXXXXX")
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" serve --demo --db "$WORK/b.db" --port 0 --host 127.0.0.1 >"$WORK/log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/log" && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$WORK/log" | head -1)
C=$WORK/cookies
LOGIN=$(curl -s -c "$C" -H 'content-type: application/json' -d '{"username":"jiwei","password":"Lianfang@2026"}' "$URL/api/v1/auth/login")
CSRF=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
UNIT=$(curl -s -b "$C" "$URL/api/v1/units" | python3 -c 'import json,sys; print([u["id"] for u in json.load(sys.stdin)["items"] if u["code"]=="ZYXY"][0])')
TOKEN=$(curl -s -b "$C" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
  -d "{\"unit_id\":$UNIT,\"name\":\"bench\"}" "$URL/api/v1/ingest-tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 - "$BATCHES" "$BATCH" "$WORK" <<'PY'
import json, sys
batches, size, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
steps = ["申请", "部门审核", "采购方式确定", "询价", "评审", "合同签订", "验收", "付款"]
n = 0
for b in range(batches):
    with open(f"{work}/batch{b}.ndjson", "w") as f:
        for i in range(size):
            case, step = divmod(n, len(steps))
            f.write(json.dumps({"source": "oa", "case_id": f"B-{case}", "activity": steps[step], "power": "wzcg",
                                "time": f"2026-11-{1 + (case % 20):02d}T{9 + step:02d}:00:00+08:00",
                                "actor": f"人员{(case * 7 + step) % 97}", "amount": 1000 + case % 5000}, ensure_ascii=False) + "\n")
            n += 1
PY
# Baseline: the health round trip, sequential, as many requests as batches.
t0=$(date +%s.%N)
for b in $(seq 0 $((BATCHES - 1))); do curl -s -o /dev/null "$URL/api/v1/health"; done
t1=$(date +%s.%N)
for b in $(seq 0 $((BATCHES - 1))); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $TOKEN" --data-binary @"$WORK/batch$b.ndjson" "$URL/api/v1/events")
  [ "$code" = 202 ] || { echo "batch $b: HTTP $code" >&2; exit 1; }
done
t2=$(date +%s.%N)
TOTAL=$((BATCHES * BATCH))
while :; do
  P=$(curl -s -b "$C" "$URL/api/v1/monitor/status?unit_id=$UNIT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["processed"] >= d["received"])')
  [ "$P" = True ] && break; sleep 0.2
done
t3=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" "$TOTAL" "$BATCHES" "$BATCH" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); total, batches, size = map(int, sys.argv[5:8])
health = (t1 - t0) / batches * 1000
ingest = t2 - t1
print(f"health round trip {health:.2f} ms; {batches} batches of {size} events acknowledged in {ingest:.2f} s "
      f"= {total / ingest:,.0f} events/s ({ingest / batches * 1000:.1f} ms a batch, {ingest / batches * 1000 / health:.1f}× a health call); "
      f"checked by the monitor (8 demo rules incl. the flow) {t3 - t2:.2f} s after the last acknowledgement")
PY
