#!/usr/bin/env bash
# Side by side, in one run: recommend and scikit-learn's reference pipeline on the labelled corpora.
# Prints P@10, R@10, MRR@10 (scored by the reference evaluate.py) and wall time of each.
#
#   Benchmarks/compare.sh [CORPORA_DIR] [REFERENCE_DIR]
#
# Defaults: $RECOMMEND_CORPORA and $RECOMMEND_REFERENCE. Needs Python 3 with numpy, scipy,
# scikit-learn (pip install scikit-learn threadpoolctl).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora=$(folder "corpora (argument 1 or RECOMMEND_CORPORA)" "${1:-${RECOMMEND_CORPORA:-}}")
bench=$(folder "reference scripts (argument 2 or RECOMMEND_REFERENCE)" "${2:-${RECOMMEND_REFERENCE:-}}")
corpus_list="${CORPORA:-bbc 20newsgroups-bydate agnews-test ecbplus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend

seconds() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }; cat "$work/time"; }
score() { python3 "$bench/evaluate.py" --corpus "$1" --related "$2" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)["related"]
print("%.3f %.3f %.3f" % (r["P@10"], r["R@10"], r["MRR@10"]))'; }

printf "%-22s %-10s %6s %6s %7s %8s %9s\n" corpus tool P@10 R@10 MRR@10 wall_s peak_MiB
for name in $corpus_list; do
    file="$corpora/$name.jsonl.gz"
    read -r swall smem < <(seconds python3 "$bench/sklearn_related.py" "$file" --k 10 --out-related "$work/sk.jsonl")
    read -r sp sr sm < <(score "$file" "$work/sk.jsonl")
    read -r rwall rmem < <(seconds "$bin" index "$file" --index "$work/r.index")
    "$bin" export --index "$work/r.index" --related "$work/r.jsonl" -k 10
    read -r rp rr rm < <(score "$file" "$work/r.jsonl")
    printf "%-22s %-10s %6s %6s %7s %8s %9d\n" "$name" sklearn "$sp" "$sr" "$sm" "$swall" $((smem / 1024))
    printf "%-22s %-10s %6s %6s %7s %8s %9d\n" "$name" recommend "$rp" "$rr" "$rm" "$rwall" $((rmem / 1024))
    awk -v a="$rwall" -v b="$swall" 'BEGIN { printf "%-22s time ratio recommend / sklearn = %.2f\n", "", a / b }'
done
