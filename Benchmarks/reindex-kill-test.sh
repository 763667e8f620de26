#!/usr/bin/env bash
# Kills `recommend reindex` with SIGKILL at random points, N times, and checks after each kill that the serving
# index still opens and validates (every article present, its model loads, lists sane), that no temporary file
# is mistaken for the index, and at the end that a re-run succeeds.
#
#   Benchmarks/reindex-kill-test.sh [N] [CORPUS.jsonl.gz]   (defaults: 20, $RECOMMEND_CORPORA/20newsgroups-bydate.jsonl.gz)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs="${1:-20}"
corpus="${2:-$(folder RECOMMEND_CORPORA "${RECOMMEND_CORPORA:-}")/20newsgroups-bydate.jsonl.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_recommend
cd "$work"
"$bin" load-sqlite "$corpus" --database news.db >/dev/null
expected=$("$bin" reindex --source news.db --index news.index 2>/dev/null | sed -n 's/.*generation [0-9]*, \([0-9]*\) articles.*/\1/p')
# A second run, timed from outside, tells when the write starts in wall-clock time (process start included).
start=$(date +%s.%N)
"$bin" reindex --source news.db --index news.index --report calibrate.json >/dev/null 2>&1
end=$(date +%s.%N)
read -r full tail < <(python3 -c '
import json, sys; p = json.load(open("calibrate.json"))["phases"]
wall = float(sys.argv[2]) - float(sys.argv[1]); names = [x["name"] for x in p]
after = sum(x["seconds"] for x in p[names.index("write"):])
print(round(wall, 2), round(wall - after, 2))' "$start" "$end")
echo "corpus: $expected articles; a full reindex takes ${full}s (wall clock), the write starts after about ${tail}s"
echo "odd runs: killed at a random point in 0..${full}s; even runs: in the $(python3 -c "print(round($full - $tail, 2))")s after the temporary file appears"

check() {  # the serving index: all articles, model loads, lists sane
    "$bin" export --index news.index --related export.jsonl -k 50 || return 1
    python3 - "$expected" <<'PY' || return $?
import json, sys
ids, lists = set(), []
for line in open("export.jsonl"):
    o = json.loads(line); ids.add(o["id"]); lists.append(o)
if len(ids) != int(sys.argv[1]):
    print(f"{len(ids)} articles, expected {sys.argv[1]}"); sys.exit(3)
for o in lists:
    r = o["related"]; s = [e["score"] for e in r]
    assert all(e["id"] in ids and e["id"] != o["id"] for e in r), o["id"]
    assert s == sorted(s, reverse=True), o["id"]
PY
    "$bin" query --index news.index --title "space shuttle launch" -k 3 >/dev/null || return 1
}

generation() {  # the serving index's metadata.generation
    python3 -c 'import re; print(re.search(rb"\"generation\":(\d+)", open("news.index", "rb").read(1 << 16)).group(1).decode())'
}

corrupted=0; lost=0
for n in $(seq 1 "$runs"); do
    # Odd runs: killed at a random time in 0..full. Even runs: killed at a random time after the temporary file
    # appears, within the time the calibration run took from there to the end (write, validate, compare, rotate,
    # install).
    read -r state delay < <(python3 - "$bin" "$full" "$tail" $((n % 2)) <<'PY'
import os, random, signal, subprocess, sys, time
binary, full, window, odd = sys.argv[1], float(sys.argv[2]), float(sys.argv[2]) - float(sys.argv[3]), sys.argv[4] == "1"
start = time.monotonic()
p = subprocess.Popen([binary, "reindex", "--source", "news.db", "--index", "news.index"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if odd:
    deadline = start + random.uniform(0, full)
else:
    temporary = f"news.index.tmp-{p.pid}"
    while not os.path.exists(temporary) and p.poll() is None:
        time.sleep(0.002)
    deadline = time.monotonic() + random.uniform(0, window)
while time.monotonic() < deadline and p.poll() is None:
    time.sleep(0.002)
state = "finished" if p.poll() is not None else "killed"
if state == "killed":
    p.send_signal(signal.SIGKILL)
p.wait()
print(state, round(time.monotonic() - start, 3))
PY
)
    # Where the kill landed, from what it left behind.
    if [ "$state" = finished ]; then where="";
    elif [ "$(stat -c %i news.index)" = "$(stat -c %i news.index.1 2>/dev/null)" ]; then where=" (between rotate and install)";
    elif ls | grep -q '\.tmp-'; then where=" (after the write began)";
    else where=" (before the write)"; fi
    set +e; check; status=$?; set -e
    case $status in
        0) ok="index ok" ;;
        3) ok="ARTICLES LOST"; lost=$((lost + 1)) ;;
        *) ok="INDEX BAD"; corrupted=$((corrupted + 1)) ;;
    esac
    temps=$(ls | grep -c '\.tmp-' || true)
    echo "run $n: $state after ${delay}s$where; $ok; generation $(generation); temporary files left: $temps"
done
rerun=$("$bin" reindex --source news.db --index news.index --report rerun.json 2>&1 | tail -1)
echo "re-run: $rerun"
set +e; check; [ $? -eq 0 ] || corrupted=$((corrupted + 1)); set -e
python3 - <<'PY'
import json
r = json.load(open("rerun.json"))
print("re-run notes:", r["notes"] or "none")
PY
echo "temporary files after the re-run: $(ls | grep -c '\.tmp-' || true)"
echo "RESULT: $runs runs, $corrupted corrupted indexes, $lost with lost articles"
