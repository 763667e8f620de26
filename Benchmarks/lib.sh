# Shared by the scripts in Benchmarks/: `source "$(dirname "$0")/lib.sh"` sets `root` (the repository) and
# `bin` (the release binary that `build_recommend` builds).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.build/release/recommend"
# The embedding model Scripts/setup installs, unless the caller names another models folder.
export RECOMMEND_MODELS=${RECOMMEND_MODELS:-$root/Models}

# Installs what the build needs (Scripts/setup) and builds the release binary; shows the build's output only
# when it fails.
build_recommend() {
    "$root/Scripts/setup" >/dev/null
    local log
    log=$(swift build -c release --package-path "$root" --product recommend 2>&1) || { echo "$log" >&2; return 1; }
}

# Waits up to SECONDS (default 60) for the service on 127.0.0.1:PORT to answer /readyz; fails if it does not.
wait_until_ready() {
    local port=$1 tries=$((${2:-60} * 10))
    for _ in $(seq 1 "$tries"); do
        curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "the service on port $port did not become ready" >&2
    return 1
}

# The labelled corpora and the reference pipelines are not part of the repository. Scripts take their folders as
# arguments or from two variables: RECOMMEND_CORPORA (bbc.jsonl.gz, 20newsgroups-bydate.jsonl.gz,
# agnews-test.jsonl.gz, ecbplus.jsonl.gz) and RECOMMEND_REFERENCE (evaluate.py, sklearn_related.py,
# make_scale_corpus.py, ...). `folder NAME VALUE` prints VALUE, or stops with a message when it is not a folder.
folder() {
    [ -n "$2" ] && [ -d "$2" ] || { echo "$1: '$2' is not a folder (see README.md, 'Quality and speed')" >&2; exit 2; }
    echo "$2"
}

measure() {  # label, command...: prints "label wall_s peak_MiB"; the command's output goes to out.txt
    local label="$1"; shift
    /usr/bin/time -v -o time.txt "$@" >out.txt 2>stderr.txt || { cat stderr.txt time.txt >&2; return 1; }
    python3 - "$label" <<'PY'
import re, sys
t = open("time.txt").read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
print(f"{sys.argv[1]:<34} {seconds:8.2f} s {peak:9.0f} MiB")
PY
}

phases() {  # a JSON report: its phases on one line
    python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("    phases: " + ", ".join("%s %.2f" % (p["name"], p["seconds"]) for p in r["phases"]))
PY
}
