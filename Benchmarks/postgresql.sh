#!/usr/bin/env bash
# Reading articles from PostgreSQL against reading the same articles from JSON Lines, in one run: a full
# `reindex` from each source, alternated twice; wall time and peak memory (/usr/bin/time -v), the read phase's
# rows per second from the reports, and whether both indexes are the same bytes.
#
#   Benchmarks/postgresql.sh [CORPUS.jsonl[.gz]]
#
# Default corpus: 100,000 generated articles (make_scale_corpus.py of the reference scripts, RECOMMEND_REFERENCE).
# The server is the tests' (Scripts/test-database) or RECOMMEND_TEST_POSTGRESQL; a database of its own is
# created and dropped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
work="$(mktemp -d)"
server="${RECOMMEND_TEST_POSTGRESQL:-postgresql://recommend_test:recommend_test@127.0.0.1:5432/postgres}"
database="recommend_bench_$$"
trap 'psql "$server" -X -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
    corpus="$1"
else
    corpus="$work/scale-100000.jsonl.gz"
    python3 "$(folder RECOMMEND_REFERENCE "${RECOMMEND_REFERENCE:-}")/make_scale_corpus.py" --n 100000 --seed 1 \
        --out "$corpus" >/dev/null
fi
build_recommend
"$root/Scripts/test-database" 2>/dev/null
cd "$work"

# The same articles in id order as JSON Lines (the order PostgreSQL returns them in) and as CSV for COPY.
python3 - "$corpus" <<'PY'
import csv, gzip, json, sys
opener = gzip.open if sys.argv[1].endswith(".gz") else open
rows = [json.loads(l) for l in opener(sys.argv[1], "rt", encoding="utf-8") if l.strip()]
rows.sort(key=lambda r: str(r["id"]))
with open("articles.jsonl", "w", encoding="utf-8") as out:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
def array(labels):
    return "{" + ",".join('"' + l.replace("\\", "\\\\").replace('"', '\\"') + '"' for l in labels) + "}"
with open("articles.csv", "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out)
    for r in rows:
        w.writerow([r["id"], r.get("title") or "", r.get("body") or "", r.get("published") or "",
                    r.get("category") or "", array(r.get("labels") or []), r.get("url") or ""])
PY
psql "$server" -X -q -c "CREATE DATABASE $database" >/dev/null
address="${server%/*}/$database"
psql "$address" -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE TABLE articles (id text COLLATE "C" PRIMARY KEY, title text, body text, published timestamptz,
    category text, labels text[], url text);
\copy articles FROM 'articles.csv' WITH (FORMAT csv, NULL '')
ANALYZE articles;
SQL
rows=$(wc -l < articles.jsonl)
echo "== $rows articles: reindex from JSON Lines and from PostgreSQL, alternated twice"

read_rate() {  # a JSON report: the read phase's rows per second
    python3 - "$1" "$rows" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
read = next(p["seconds"] for p in r["phases"] if p["name"] == "read")
print(f"    read phase {read:.2f} s, {int(sys.argv[2]) / read:,.0f} rows/s")
PY
}
for round in 1 2; do
    measure "reindex articles.jsonl" "$bin" reindex --source articles.jsonl --index jsonl.index --keep 0 \
        --report jsonl.json
    read_rate jsonl.json
    measure "reindex postgresql://" "$bin" reindex --source "$address?table=articles" --index pg.index --keep 0 \
        --report pg.json
    read_rate pg.json
done
cmp -s jsonl.index pg.index && echo "the two indexes are the same bytes" || echo "the two indexes differ"
