#!/usr/bin/env bash
# Conformance checking speed on PM4Py's "receipt" log (1,434 cases, 8,577 events) and model, from the oracle
# directory: `lianfang conformance` with alignments (1 and N threads) and with token replay, each run RUNS
# times, best run reported. The baseline measured in the same run is reading the log alone (gunzip + XES
# parse), which every run also does. PM4Py's figures are the ones published in oracle/README.md for this
# machine class (alignments 52.8 s, token replay 0.15 s), not measured here: PM4Py is not installed.
#
#   bench/conformance.sh        (expects build/lianfang; `make bench` builds it first)
#
# Knobs (environment): RUNS=5 THREADS=2 LIANFANG_BIN=build/lianfang LIANFANG_ORACLE_DIR=../shared/oracle
# Writes the figures to bench/out/conformance.md as well.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${LIANFANG_BIN:-$ROOT/build/lianfang}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
ORACLE=${LIANFANG_ORACLE_DIR:-$ROOT/../shared/oracle}/pm4py
PM4PY_ALIGN_S=52.8   # oracle/README.md: receipt alignments in PM4Py 2.7.11
PM4PY_TOKENS_S=0.15  # oracle/README.md: token replay with variant deduplication

die() { echo "bench/conformance.sh: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "no binary at $BIN (run 'make build' first)"
[ -f "$ORACLE/receipt.xes.gz" ] || die "no oracle files at $ORACLE (set LIANFANG_ORACLE_DIR)"
command -v python3 >/dev/null || die "python3 is needed to read the JSON output"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lianfang-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# run NAME METHOD THREADS → runs the command RUNS times; keeps the best wall time and its phase timings
# (LIANFANG_TIMING) in $WORK/NAME.best, the output in $WORK/NAME.json.
run() {
  local name=$1 method=$2 threads=$3 best=
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    LIANFANG_TIMING=1 "$BIN" conformance --model "$ORACLE/receipt.pnml" --log "$ORACLE/receipt.xes.gz" \
      --method "$method" --threads "$threads" >"$WORK/$name.json" 2>"$WORK/$name.timing" || die "$name failed"
    end=$(date +%s.%N)
    python3 - "$WORK/$name.timing" "$start" "$end" "$WORK/$name.best" <<'PY'
import json, sys, os
t = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
t["wall_ms"] = (float(sys.argv[3]) - float(sys.argv[2])) * 1000
best = sys.argv[4]
if not os.path.exists(best) or json.load(open(best))["wall_ms"] > t["wall_ms"]:
    json.dump(t, open(best, "w"))
PY
  done
}

echo "== receipt: $RUNS runs each, best reported"
run align1 alignments 1
run alignN alignments "$THREADS"
run tokens tokens 1

python3 - "$WORK" "$THREADS" "$PM4PY_ALIGN_S" "$PM4PY_TOKENS_S" "$RUNS" "$ORACLE" >"$WORK/report.md" <<'PY'
import json, sys, platform, os, datetime
work, threads, pm_align, pm_tokens, runs, oracle = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
def load(name):
    return json.load(open(f"{work}/{name}.best")), json.load(open(f"{work}/{name}.json"))
expected = json.load(open(f"{oracle}/expected.json"))["receipt"]
rows = []
read_ms = []
for name, label, pm, key in [("align1", "alignments, 1 thread", pm_align, "alignments"),
                             ("alignN", f"alignments, {threads} threads", pm_align, "alignments"),
                             ("tokens", "token replay, 1 thread", pm_tokens, "token_replay")]:
    t, out = load(name)
    read_ms.append(t["read_log_ms"])
    same = out["log_fitness"] == expected[key]["aggregate"]["log_fitness"]
    events = t["events"]
    rows.append(f"| {label} | {t['check_ms']:.1f} | {events / (t['check_ms'] / 1000):,.0f} | {t['wall_ms']:.0f} | "
                f"{events / (t['wall_ms'] / 1000):,.0f} | {pm / (t['check_ms'] / 1000):,.0f}× | {pm / (t['wall_ms'] / 1000):,.0f}× | "
                f"{'yes' if same else 'NO'} |")
cpu = "?"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
print("# Conformance benchmark\n")
print(f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}, {os.cpu_count()} cores ({cpu}); "
      f"PM4Py's receipt log and model (1,434 cases, 8,577 events, 116 variants; 42 transitions, 17 silent); best of {runs} runs.\n")
print("| method | check (ms) | events/s (check) | whole command (ms) | events/s (whole) | vs PM4Py (check) | vs PM4Py (whole) | log fitness = PM4Py's |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
print("\n".join(rows))
print(f"\nBaseline, same runs: reading the log alone (gunzip + XES parse into cases) takes {min(read_ms):.1f} ms "
      f"({8577 / (min(read_ms) / 1000):,.0f} events/s); the check column excludes it, the whole-command column includes it "
      f"and process start-up.")
print(f"\nPM4Py's times are the figures published in oracle/README.md for this machine class (alignments {pm_align} s, "
      f"≈160 events/s; token replay with variant deduplication {pm_tokens} s), not measured in this run.")
PY
cat "$WORK/report.md"
mkdir -p "$ROOT/bench/out"
cp "$WORK/report.md" "$ROOT/bench/out/conformance.md"
echo "   written to bench/out/conformance.md"
