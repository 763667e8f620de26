#!/usr/bin/env bash
# Ablation of the ranking: P@10 / R@10 / MRR@10 on each labelled corpus (scored by the reference evaluate.py)
# for the default configuration and with one change at a time.
#
#   Benchmarks/ablation.sh [CORPORA_DIR] [REFERENCE_DIR]      defaults: $RECOMMEND_CORPORA, $RECOMMEND_REFERENCE
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora=$(folder "corpora (argument 1 or RECOMMEND_CORPORA)" "${1:-${RECOMMEND_CORPORA:-}}")
bench=$(folder "reference scripts (argument 2 or RECOMMEND_REFERENCE)" "${2:-${RECOMMEND_REFERENCE:-}}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend

variants=(
    "TF-IDF only (no latent blend, no collapse)|--semantic-weight 0 --no-embedding --no-near-duplicates"
    "+ latent blend 0.3 x LSA-100 (no collapse)|--no-embedding --no-near-duplicates"
    "+ near-duplicate collapse 0.9|--no-embedding"
    "+ embedding channel (eta 1, mu 20) = default|"
    "default, embedding evidence mu 40|--embedding-evidence 40"
    "default without stemming|--no-stem"
    "default, title weight 0.3|--title-weight 0.3"
    "default + feedback (5 neighbours, 0.5)|--feedback-neighbours 5 --feedback-weight 0.5"
)
printf "%-48s" variant
for c in bbc 20newsgroups-bydate agnews-test ecbplus; do printf " %-20s" "$c"; done
echo
for v in "${variants[@]}"; do
    name="${v%%|*}"
    flags="${v#*|}"
    printf "%-48s" "$name"
    for c in bbc 20newsgroups-bydate agnews-test ecbplus; do
        # shellcheck disable=SC2086
        "$bin" index "$corpora/$c.jsonl.gz" --index "$work/a.index" $flags >/dev/null
        "$bin" export --index "$work/a.index" --related "$work/r.jsonl" -k 10
        python3 "$bench/evaluate.py" --corpus "$corpora/$c.jsonl.gz" --related "$work/r.jsonl" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)["related"]
print("%.3f/%.3f/%.3f" % (r["P@10"], r["R@10"], r["MRR@10"]), end="")' > "$work/s"
        printf " %-20s" "$(cat "$work/s")"
    done
    echo
done
echo "(each cell: P@10/R@10/MRR@10)"
