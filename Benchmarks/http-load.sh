#!/usr/bin/env bash
# Load test of `recommend serve` with wrk: GET related for random ids, then POST related with real article
# texts. Builds release, indexes the corpus, starts the server on loopback, reports requests/s, p50/p99
# latency, the server's CPU time per request (user + system, from /proc: unlike requests/s it hardly moves
# when other processes share the machine) and its memory (VmRSS, VmHWM).
#
#   Benchmarks/http-load.sh [CORPUS]     (default: $RECOMMEND_CORPORA/20newsgroups-bydate.jsonl.gz)
#
# Environment: DURATION (10s), CONNECTIONS (32), THREADS (1: wrk shares the machine with the server),
# PORT (18080), LOG_LEVEL (info: one log line per request, written to a file), WORK (a temporary directory),
# INDEX_FLAGS (extra `index` options, e.g. --no-embedding), RECOMMEND_MODELS (the models folder; lib.sh defaults
# it to Models/ in the package).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

corpus=${1:-$(folder RECOMMEND_CORPORA "${RECOMMEND_CORPORA:-}")/20newsgroups-bydate.jsonl.gz}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
port=${PORT:-18080}
log_level=${LOG_LEVEL:-info}
work=${WORK:-$(mktemp -d /tmp/recommend-http-load.XXXXXX)}
mkdir -p "$work"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }

echo "== build (release)"
build_recommend

echo "== index $corpus"
# shellcheck disable=SC2086
"$bin" index "$corpus" --index "$work/bench.index" ${INDEX_FLAGS:-} | head -4

echo "== request data"
python3 - "$corpus" "$work" <<'PY'
import gzip, json, random, sys, urllib.parse
corpus, work = sys.argv[1], sys.argv[2]
opener = gzip.open if corpus.endswith(".gz") else open
ids, texts = [], []
with opener(corpus, "rt", encoding="utf-8") as lines:
    for line in lines:
        line = line.strip()
        if not line:
            continue
        article = json.loads(line)
        ids.append(urllib.parse.quote(str(article["id"]), safe=""))
        body = article.get("body") or ""
        if len(body) < 64 * 1024:
            texts.append({"title": article.get("title") or "", "body": body, "k": 10})
random.seed(1)
with open(f"{work}/ids.txt", "w") as out:
    out.write("\n".join(ids) + "\n")
with open(f"{work}/texts.jsonl", "w") as out:
    for text in random.sample(texts, min(1000, len(texts))):
        out.write(json.dumps(text) + "\n")
print(f"{len(ids)} ids, {min(1000, len(texts))} texts")
PY

cat > "$work/report.lua" <<'LUA'
-- Shared by both scripts: one parseable line at the end.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests/s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, errors))
end
LUA
cat > "$work/get.lua" <<LUA
dofile("$work/report.lua")
local ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
math.randomseed(42)
request = function()
  return wrk.format("GET", "/v1/articles/" .. ids[math.random(#ids)] .. "/related?k=10")
end
LUA
cat > "$work/post.lua" <<LUA
dofile("$work/report.lua")
local bodies = {}
for line in io.lines("$work/texts.jsonl") do bodies[#bodies + 1] = line end
math.randomseed(42)
request = function()
  return wrk.format("POST", "/v1/related", {["Content-Type"] = "application/json"}, bodies[math.random(#bodies)])
end
LUA

echo "== serve on 127.0.0.1:$port (log level $log_level, log in $work/server.log)"
"$bin" serve --index "$work/bench.index" --port "$port" --log-level "$log_level" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_until_ready "$port" 60
curl -sf "http://127.0.0.1:$port/readyz"; echo

memory() { grep -E '^(VmRSS|VmHWM)' "/proc/$server/status" | tr -s ' \t' ' ' | paste -sd' ' -; }
echo "server memory after start: $(memory)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
run() {
  local name=$1 script=$2 before after requests
  echo "== $name: wrk -t$threads -c$connections -d$duration --latency"
  before=$(cpu_ticks)
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "http://127.0.0.1:$port" >"$work/$name.txt"
  after=$(cpu_ticks)
  grep -E 'Non-2xx|Socket errors' "$work/$name.txt" || true
  requests=$(sed -n 's/^RESULT.* requests=\([0-9]*\) .*/\1/p' "$work/$name.txt")
  echo "$(grep '^RESULT' "$work/$name.txt") server_cpu_us_per_request=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))"
  echo "server memory after $name: $(memory)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
# A short warm-up so that the first run does not pay for first-touch page faults of the mapped index.
wrk -t1 -c4 -d2s -s "$work/get.lua" "http://127.0.0.1:$port" >/dev/null
run get-related "$work/get.lua"
run post-related "$work/post.lua"
echo "full wrk output and the server log are in $work"
