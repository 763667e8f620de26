#!/usr/bin/env bash
# End-to-end scale benchmark: generated corpora of n articles (make_scale_corpus.py of the reference scripts), indexed by
# recommend and by scikit-learn's reference pipeline in the same run. Prints phase times, CPU use per phase,
# total, peak RSS and the ratio to scikit-learn.
#
#   Benchmarks/scale.sh [N ...]                       default: 50000 100000 200000
#   SKLEARN_MODES="lsa tfidf" Benchmarks/scale.sh     which reference modes to run (default: lsa; "" for none)
#   RECOMMEND_REFERENCE=DIR WORK=/tmp/scale         where the reference scripts are, where corpora are kept
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench=$(folder RECOMMEND_REFERENCE "${RECOMMEND_REFERENCE:-}")
work="${WORK:-/tmp/recommend-scale}"
modes="${SKLEARN_MODES-lsa}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50000 100000 200000)
mkdir -p "$work"
build_recommend

for n in "${sizes[@]}"; do
    corpus="$work/scale-$n.jsonl.gz"
    [ -f "$corpus" ] || python3 "$bench/make_scale_corpus.py" --n "$n" --seed 1 --out "$corpus"
    echo "== $n articles"
    /usr/bin/time -f "recommend: wall %e s, peak RSS %M KB" "$bin" index "$corpus" --index "$work/scale-$n.index" --json \
        > "$work/report-$n.json" 2> "$work/time-$n.txt"
    python3 - "$work/report-$n.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["phases"]:
    print(f"  {p['name']:<11} {p['seconds']:8.2f} s   cpu {p['cpuSeconds'] / max(p['seconds'], 1e-9):4.2f} cores")
s = r["similarity"]
print(f"  {'total':<11} {sum(p['seconds'] for p in r['phases']):8.2f} s   method {r['method']}, "
      f"recall of exact top-10 (200-article sample) {s.get('sampledRecall')}")
if s.get("search"):
    c = s["search"]
    gflops = c["gemmFlops"] / c["gemmSeconds"] / 1e9 if c["gemmSeconds"] else 0
    print(f"  candidate search: sgemm {c['gemmSeconds']:.2f} s at {gflops:.0f} GFLOP/s, "
          f"cells {c.get('partitionSeconds', 0):.2f} s, selection {c['selectionSeconds']:.2f} s; "
          f"exact re-rank {s['rankingSeconds']:.2f} s")
PY
    cat "$work/time-$n.txt"
    rwall=$(sed -n 's/.*wall \([0-9.]*\) s.*/\1/p' "$work/time-$n.txt")
    for mode in $modes; do
        /usr/bin/time -f "%e %M" -o "$work/sk-time" python3 "$bench/sklearn_related.py" "$corpus" --k 10 --mode "$mode" \
            --out-related "$work/sk-$n.jsonl" 2> "$work/sk-phases-$n-$mode.json" >/dev/null
        read -r swall smem < "$work/sk-time"
        echo "sklearn $mode: wall $swall s, peak RSS $smem KB, phases $(tail -1 "$work/sk-phases-$n-$mode.json")"
        awk -v a="$rwall" -v b="$swall" 'BEGIN { printf "  sklearn / recommend = %.1fx\n", b / a }'
    done
done
