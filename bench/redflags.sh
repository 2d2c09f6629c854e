#!/usr/bin/env bash
# Procurement red flags at scale (issue 8): RELEASES synthetic OCDS compiled releases (`lianfang bench-gen-ocds`:
# buyers, tenders with bids and tenderers, awards, contracts, parties with addresses and phones, a few percent
# planted patterns), then every indicator on one thread, against a raw simdjson parse of the same file in the
# same run (`lianfang redflags --parse-only`: simdjson's DOM parser on every line, nothing else). Reports
# releases/s, MB/s, peak RSS (/usr/bin/time -v), the ratio to the raw parse and where the time went.
# Target: at least 50% of the raw parse's speed, memory bounded.
#
#   bench/redflags.sh              (expects build/lianfang; `make build` first)
#   RELEASES=100000 bench/redflags.sh
#
# Knobs (environment): RELEASES=1000000 RUNS=2 (best of) SEED=8 LIANFANG_BIN=build/lianfang
#                      KEEP=1 (keep the generated file; its folder is printed) STRICT=1 (exit 1 below target)
# Writes the figures to bench/out/redflags.md as well.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${LIANFANG_BIN:-$ROOT/build/lianfang}
RELEASES=${RELEASES:-1000000}
RUNS=${RUNS:-2}
SEED=${SEED:-8}
TARGET=0.5

die() { echo "bench/redflags.sh: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "no binary at $BIN (run 'make build' first)"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for the peak memory (apt-get install time)"
command -v python3 >/dev/null || die "python3 is needed to read the figures"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lianfang-redflags.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "files kept in $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

echo "== generating $RELEASES releases"
start=$(date +%s.%N)
"$BIN" bench-gen-ocds --releases "$RELEASES" --seed "$SEED" --out "$WORK/releases.jsonl" --debarred "$WORK/debarred.csv"
end=$(date +%s.%N)
echo "$start $end" >"$WORK/gen.time"
# Every indicator, with its defaults; the debarment list is found next to the settings file.
{
  for s in R003 R018 R024 R025 R028 R030 R035 R036 R038 R048 R058 SHARED-CONTACT IDENTICAL-BID PATTERN-BID \
           REPEAT-AWARD COVER-BIDDER SAME-GROUP SPLIT CONTRACT-CHANGE NEW-FIRM; do echo "[$s]"; done
  printf '[BLACKLIST]\nfile = debarred.csv\n'
} >"$WORK/settings.ini"
cat "$WORK/releases.jsonl" >/dev/null  # into the page cache, so that neither run pays for the disk

# run NAME ARGS... → wall time, user+sys time and peak RSS of the best run in $WORK/NAME.best
run() {
  local name=$1
  shift
  LIANFANG_TIMING=1 /usr/bin/time -v "$BIN" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    cat "$WORK/$name.err" >&2
    die "$name failed"
  }
  python3 - "$WORK/$name.err" "$WORK/$name.best" <<'PY'
import json, os, re, sys
err, best = sys.argv[1], sys.argv[2]
text = open(err).read()
def field(label):
    return re.search(re.escape(label) + r":\s*(.+)", text).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
run = {"wall_s": seconds, "cpu_s": float(field("User time (seconds)")) + float(field("System time (seconds)")),
       "rss_kb": int(field("Maximum resident set size (kbytes)"))}
for line in text.splitlines():
    if line.startswith("{\"read_s\""):
        run["phases"] = json.loads(line)
if not os.path.exists(best) or json.load(open(best))["wall_s"] > run["wall_s"]:
    json.dump(run, open(best, "w"))
PY
}

for i in $(seq "$RUNS"); do
  echo "== run $i of $RUNS: raw simdjson parse, then every indicator (one thread)"
  run parse redflags --parse-only "$WORK/releases.jsonl"
  run engine redflags --threads 1 --settings "$WORK/settings.ini" "$WORK/releases.jsonl"
done

mkdir -p "$ROOT/bench/out"
python3 - "$WORK" "$RELEASES" "$RUNS" "$TARGET" >"$WORK/report.md" <<'PY'
import datetime, json, os, platform, sys
work, releases, runs, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
parse = json.load(open(os.path.join(work, "parse.best")))
engine = json.load(open(os.path.join(work, "engine.best")))
counts = json.loads(open(os.path.join(work, "parse.out")).read())
size = counts["bytes"] / 1e6
gen = [float(x) for x in open(os.path.join(work, "gen.time")).read().split()]
results = json.loads(open(os.path.join(work, "engine.out")).read())
flagged = {g: len(ids) for g, ids in results.items() if g != "Meta"}
by_code = {}
for ids in (v for g, v in results.items() if g == "OCID"):
    for flags in ids.values():
        for code in flags:
            by_code[code] = by_code.get(code, 0) + 1
ratio = parse["wall_s"] / engine["wall_s"]
ph = engine.get("phases", {})
print(f"## Procurement red flags — {releases:,} releases, {size:,.0f} MB (best of {runs})\n")
print(f"Measured {datetime.date.today()} on {platform.node()}; simdjson kernel `{counts.get('simdjson', '?')}`; "
      f"generating the file took {gen[1] - gen[0]:.1f} s.\n")
print("| run | wall (s) | CPU (s) | releases/s | MB/s | peak RSS (MB) |")
print("|---|---:|---:|---:|---:|---:|")
for name, r in (("raw simdjson parse (`--parse-only`)", parse), ("every indicator, 1 thread", engine)):
    print(f"| {name} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {releases / r['wall_s']:,.0f} | {size / r['wall_s']:,.0f} | {r['rss_kb'] / 1024:,.0f} |")
print(f"\nRatio to the raw parse: **{ratio:.1%}** (target ≥ {target:.0%}: {'met' if ratio >= target else 'missed'}); "
      f"by CPU time {parse['cpu_s'] / engine['cpu_s']:.1%} (steadier when other work shares the cores).\n")
if ph:
    print(f"Where the indicators' run went: reading lines {ph['read_s']:.2f} s, parsing into facts {ph['parse_s']:.2f} s, "
          f"indicators per release {ph['scan_s']:.2f} s, indicators over the whole file {ph['finish_s']:.2f} s.\n")
print("Flagged: " + ", ".join(f"{g} {n:,}" for g, n in flagged.items()) + "; OCIDs by indicator: " +
      ", ".join(f"{c} {n:,}" for c, n in sorted(by_code.items())) + ".")
PY
cp "$WORK/report.md" "$ROOT/bench/out/redflags.md"
cat "$WORK/report.md"
if [ "${STRICT:-0}" = 1 ]; then
  python3 -c "import json,sys; p=json.load(open('$WORK/parse.best')); e=json.load(open('$WORK/engine.best')); sys.exit(0 if p['wall_s']/e['wall_s'] >= $TARGET else 1)"
fi
