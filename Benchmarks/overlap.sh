#!/usr/bin/env bash
# Top-10 overlap of the default engine's stored lists with exact scoring of every pair (`--exact-below` above
# the corpus size: what the engine did before candidate search), per corpus, in the same run.
#
#   Benchmarks/overlap.sh [CORPUS ...]    default: the four labelled corpora in $RECOMMEND_CORPORA
#   WORK=/tmp/recommend-overlap           where indexes and lists are kept
set -euo pipefail
source "$(dirname "$0")/lib.sh"
work="${WORK:-/tmp/recommend-overlap}"
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=("$(folder RECOMMEND_CORPORA "${RECOMMEND_CORPORA:-}")"/{bbc,20newsgroups-bydate,agnews-test,ecbplus}.jsonl.gz)
mkdir -p "$work"
build_recommend
for corpus in "${corpora[@]}"; do
    name=$(basename "$corpus" .jsonl.gz)
    for mode in default exact; do
        extra=()
        [ "$mode" = exact ] && extra=(--exact-below 100000000)
        "$bin" index "$corpus" --index "$work/$name-$mode.index" --topics 2 --no-previous "${extra[@]}" >"$work/$name-$mode.log"
        "$bin" export --index "$work/$name-$mode.index" --stored --related "$work/$name-$mode.jsonl" -k 10
    done
    python3 - "$name" "$work/$name-default.jsonl" "$work/$name-exact.jsonl" "$work/$name-default.log" <<'PY'
import json, re, sys
name, default, exact, log = sys.argv[1:]
def lists(path):
    out = {}
    for line in open(path):
        row = json.loads(line)
        out[row["id"]] = [entry["id"] if isinstance(entry, dict) else entry for entry in row["related"]]
    return out
a, b = lists(default), lists(exact)
shared = same = 0
for key, truth in b.items():
    shared += len(truth)
    same += len(set(truth) & set(a.get(key, [])))
method = re.search(r"terms, ([^)]*)\)", open(log).read())
print(f"{name}: {len(b)} articles, method {method.group(1) if method else '?'}, "
      f"top-10 overlap with exact scoring {same / max(1, shared):.4f}")
PY
done
