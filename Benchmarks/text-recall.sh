#!/usr/bin/env bash
# Recall of the service's unseen-text answers against scoring every article exactly: for real article texts,
# the share of `recommend query --exact`'s top 10 that `POST /v1/related` returns (the service scores a text
# against candidates once the index is above its exact limit). Also the service's latency per text.
#
#   Benchmarks/text-recall.sh INDEX TEXTS.jsonl [COUNT]
#
# TEXTS.jsonl: one {"title": ..., "body": ...} per line (Benchmarks/http-load.sh writes one as texts.jsonl).
# COUNT (default 100) texts are used. Environment: PORT (18090).
set -euo pipefail

index=$1
texts=$2
count=${3:-100}
port=${PORT:-18090}
source "$(dirname "$0")/lib.sh"
build_recommend

"$bin" serve --index "$index" --port "$port" --log-level warning >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_until_ready "$port" 60

python3 - "$bin" "$index" "$texts" "$count" "$port" <<'PY'
import json, subprocess, sys, time, urllib.request
binary, index, texts, count, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
lines = [json.loads(line) for line in open(texts) if line.strip()][:count]
found = total = 0
latencies = []
for text in lines:
    body = json.dumps({"title": text.get("title", ""), "body": text.get("body", ""), "k": 10}).encode()
    start = time.perf_counter()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/related", data=body,
                                     headers={"Content-Type": "application/json"})
    served = json.load(urllib.request.urlopen(request))
    latencies.append((time.perf_counter() - start) * 1000)
    exact = json.loads(subprocess.run(
        [binary, "query", "--index", index, "--exact", "--json", "-k", "10", "--title=" + text.get("title", ""),
         "--body", "-"], input=text.get("body", ""), capture_output=True, text=True, check=True).stdout)
    truth = {entry["article"]["id"] for entry in exact["related"]}
    found += len(truth & {entry["article"]["id"] for entry in served["related"]})
    total += len(truth)
latencies.sort()
print(f"texts={len(lines)} recall_of_exact_top10={found / max(1, total):.3f} "
      f"service_ms_p50={latencies[len(latencies) // 2]:.2f} service_ms_max={latencies[-1]:.2f}")
PY
