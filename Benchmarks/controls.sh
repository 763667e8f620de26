#!/usr/bin/env bash
# The effect of recommend's query-time controls on list quality, as reported in docs/relevance.md.
# Every figure comes from `recommend eval` (evaluate.py's definitions) on the labelled corpora, plus two
# list statistics computed here from the lists eval writes: distinct labels per list (variety) and
# repeated texts per list (the sample's seven re-filed pairs).
#
#   Benchmarks/controls.sh [CORPORA_DIR]
#
# Default: $RECOMMEND_CORPORA. Needs Python 3 (standard library only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora=$(folder "corpora (argument 1 or RECOMMEND_CORPORA)" "${1:-${RECOMMEND_CORPORA:-}}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "${SKIP_BUILD:-}" ] || build_recommend

# label statistics of a lists file: mean distinct labels in the first 10, mean repeated texts (Data pairs)
stats() { python3 - "$1" "$2" <<'PY'
import gzip, json, sys
corpus, lists = sys.argv[1], sys.argv[2]
opener = gzip.open if corpus.endswith(".gz") else open
labels = {}
with opener(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            a = json.loads(line)
            labels[a["id"]] = tuple(a.get("labels") or [])
pairs = [("a024", "a025"), ("a030", "a031"), ("a042", "a043"), ("a047", "a048"), ("a050", "a051"),
         ("a066", "a067"), ("a141", "a142")]
twin = {a: b for a, b in pairs} | {b: a for a, b in pairs}
distinct = repeated = n = 0
for line in open(lists):
    e = json.loads(line)
    ids = [r["id"] for r in e["related"][:10]]
    n += 1
    distinct += len({labels.get(i) for i in ids})
    seen = {e["id"]}
    for i in ids:
        if twin.get(i) in seen:
            repeated += 1
        seen.add(i)
print("%.2f %.3f" % (distinct / n, repeated / n))
PY
}

run() {  # corpus-file index label flags...
    local file="$1" index="$2" label="$3"
    shift 3
    "$bin" eval --corpus "$file" --index "$index" --json --write-lists "$work/lists.jsonl" "$@" | python3 -c '
import json, sys
r = json.load(sys.stdin)["related"]
linked = r.get("R@10 with also-published-as")
print("%.4f %.4f %.4f %s" % (r["P@10"], r["R@10"], r["MRR@10"], "%.4f" % linked if linked is not None else "-"), end=" ")'
    echo "$(stats "$file" "$work/lists.jsonl")  $label"
}

printf "%-22s %6s %6s %7s %9s %9s %8s  %s\n" corpus P@10 R@10 MRR@10 R@10link labels/10 repeats control
for name in Data bbc ecbplus agnews-test 20newsgroups-bydate; do
    if [ "$name" = Data ]; then file="$root/Data/articles.jsonl"; else file="$corpora/$name.jsonl.gz"; fi
    "$bin" index "$file" --index "$work/$name.index" >/dev/null
    controls=(
        "--no-collapse" "" "--no-collapse --mmr 0.9" "--no-collapse --mmr 0.7" "--no-collapse --mmr 0.5"
    )
    if [ "$name" = Data ]; then
        controls+=("--half-life 7" "--half-life 30" "--half-life 90" "--older-only" "--within-days 30"
            "--same-category" "--other-category")
    fi
    for c in "${controls[@]}"; do
        # shellcheck disable=SC2086
        printf "%-22s %s\n" "$name" "$(run "$file" "$work/$name.index" "${c:-(default: collapse)}" $c)"
    done
done
