#!/usr/bin/env bash
# Topic clusters side by side, in one run: recommend's topics with K = the number of labels (and with --topics
# auto) against scikit-learn's reference pipeline (KMeans on LSA-256, sklearn_related.py of the reference scripts).
# Prints NMI and ARI (scored by the reference evaluate.py) and each tool's clustering time.
#
#   Benchmarks/topics.sh [CORPORA_DIR] [REFERENCE_DIR]
#
# Defaults: $RECOMMEND_CORPORA and $RECOMMEND_REFERENCE. CORPORA="bbc:5 ..." picks corpora and
# their label counts (default: bbc:5 20newsgroups-bydate:20 agnews-test:4 ecbplus:86).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora=$(folder "corpora (argument 1 or RECOMMEND_CORPORA)" "${1:-${RECOMMEND_CORPORA:-}}")
bench=$(folder "reference scripts (argument 2 or RECOMMEND_REFERENCE)" "${2:-${RECOMMEND_REFERENCE:-}}")
corpus_list="${CORPORA:-bbc:5 20newsgroups-bydate:20 agnews-test:4 ecbplus:86}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend

clusters() { python3 "$bench/evaluate.py" --corpus "$1" --related "$2" --clusters "$3" --json | python3 -c '
import json, sys
c = json.load(sys.stdin)["clusters"]
print("%.3f %.3f" % (c["NMI"], c["ARI"]))'; }
ours() { # corpus topics -> NMI ARI clustering_seconds chosen_count
    "$bin" index "$1" --index "$work/r.index" --topics "$2" --no-previous --json > "$work/report.json"
    "$bin" export --index "$work/r.index" --related "$work/r.jsonl" -k 10 --topics "$work/r-clusters.jsonl"
    read -r nmi ari < <(clusters "$1" "$work/r.jsonl" "$work/r-clusters.jsonl")
    python3 - "$work/report.json" "$nmi" "$ari" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
seconds = sum(p["seconds"] for p in r["phases"] if p["name"] == "topics")
print(sys.argv[2], sys.argv[3], f"{seconds:.2f}", r["topics"]["topics"] if r.get("topics") else "-")
PY
}

printf "%-22s %-26s %6s %6s %12s\n" corpus tool NMI ARI clustering_s
for entry in $corpus_list; do
    name=${entry%%:*}
    k=${entry##*:}
    file="$corpora/$name.jsonl.gz"
    python3 "$bench/sklearn_related.py" "$file" --k 10 --out-related "$work/sk.jsonl" \
        --out-clusters "$work/sk-clusters.jsonl" --clusters "$k" 2> "$work/sk-stderr" >/dev/null
    read -r snmi sari < <(clusters "$file" "$work/sk.jsonl" "$work/sk-clusters.jsonl")
    sseconds=$(tail -1 "$work/sk-stderr" | python3 -c 'import json, sys; print(json.load(sys.stdin)["seconds"]["clustering"])')
    printf "%-22s %-26s %6s %6s %12s\n" "$name" "sklearn KMeans k=$k" "$snmi" "$sari" "$sseconds"
    read -r nmi ari seconds _ < <(ours "$file" "$k")
    printf "%-22s %-26s %6s %6s %12s\n" "$name" "recommend k=$k" "$nmi" "$ari" "$seconds"
    read -r nmi ari seconds chosen < <(ours "$file" auto)
    printf "%-22s %-26s %6s %6s %12s\n" "$name" "recommend auto (chose $chosen)" "$nmi" "$ari" "$seconds"
done
