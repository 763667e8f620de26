#!/usr/bin/env bash
# The nightly job's figures, measured in one run so that ratios hold on a busy machine:
#   1. a full reindex of a corpus from SQLite against `index` from the same articles as JSON Lines
#      (wall time and peak memory from /usr/bin/time -v);
#   2. an incremental reindex after adding 1% new articles against a full rebuild of the same database, and the
#      mean top-10 overlap of their lists (over every article), beside the overlap of the full rebuild with the
#      generation before it (the churn a full nightly rebuild causes anyway).
#
#   Benchmarks/reindex.sh [CORPUS.jsonl.gz]     (default $RECOMMEND_CORPORA/20newsgroups-bydate.jsonl.gz)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpus="${1:-$(folder RECOMMEND_CORPORA "${RECOMMEND_CORPORA:-}")/20newsgroups-bydate.jsonl.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend
cd "$work"

# 99% / 1% split, the 1% chosen with a fixed seed and appended last, as new articles arrive.
python3 - "$corpus" <<'PY'
import gzip, random, sys
lines = [l for l in gzip.open(sys.argv[1], "rt", encoding="utf-8") if l.strip()]
random.seed(5)
new = set(random.sample(range(len(lines)), max(1, len(lines) // 100)))
open("all.jsonl", "w").writelines(lines)
open("base.jsonl", "w").writelines(l for i, l in enumerate(lines) if i not in new)
open("added.jsonl", "w").writelines(lines[i] for i in sorted(new))
PY

overlap() {  # two export files: mean top-10 overlap over the articles of the first
    python3 - "$1" "$2" <<'PY'
import json, sys
def lists(p): return {o["id"]: [r["id"] for r in o["related"]] for o in map(json.loads, open(p))}
a, b = lists(sys.argv[1]), lists(sys.argv[2])
common = [i for i in a if i in b]
ov = [len(set(a[i]) & set(b[i])) / max(1, len(a[i]), len(b[i])) for i in common]
print(f"{sum(ov) / len(ov):.4f} over {len(ov)} articles; lists changed by more than half: {sum(o < 0.5 for o in ov)}")
PY
}

echo "== full reindex: SQLite against JSON Lines ($(wc -l < all.jsonl) articles), alternated twice"
"$bin" load-sqlite all.jsonl --database all.db >/dev/null
for round in 1 2; do
    measure "index all.jsonl (JSON Lines)" "$bin" index all.jsonl --index jsonl.index --json
    cp out.txt index.json && phases index.json
    measure "reindex --source all.db (SQLite)" "$bin" reindex --source all.db --index sqlite.index --keep 0 --report full.json
    phases full.json
done
echo
echo "== incremental after adding $(wc -l < added.jsonl) articles (1%)"
"$bin" load-sqlite base.jsonl --database news.db >/dev/null
"$bin" reindex --source news.db --index incremental.index >/dev/null 2>&1
cp incremental.index full.index
"$bin" load-sqlite added.jsonl --database news.db >/dev/null
measure "reindex --incremental" "$bin" reindex --source news.db --index incremental.index --incremental --report incremental.json
phases incremental.json
measure "reindex (full rebuild)" "$bin" reindex --source news.db --index full.index --report rebuild.json
phases rebuild.json
"$bin" export --index incremental.index --related incremental.jsonl -k 10
"$bin" export --index full.index --related full.jsonl -k 10
"$bin" export --index full.index.1 --related previous.jsonl -k 10
echo "top-10 overlap, incremental vs full rebuild:           $(overlap full.jsonl incremental.jsonl)"
echo "top-10 overlap, full rebuild vs previous generation:   $(overlap previous.jsonl full.jsonl)"
