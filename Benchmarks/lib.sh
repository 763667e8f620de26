# Shared by the scripts in Benchmarks/: `source "$(dirname "$0")/lib.sh"` sets `root` (the repository) and
# `bin` (the release binary that `build_recommend` builds).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.build/release/recommend"

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
