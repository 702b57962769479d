#!/usr/bin/env bash
# Cold start of the portal vs. a plain Jetty 12 JVM serving one page, measured in the same run.
#
#   bench/cold-start.sh [RUNS]      (default 5; needs an assembled distribution: mvn -B -q install -DskipTests)
#
# For each run: a fresh data folder, bin/cec-portal started, wall time until GET / answers 200,
# then the resident set size (VmRSS) of the JVM 3 s later. Runs alternate portal and reference. The reference is
# ../shared/bench-reference/run.sh serve hello-servlet, timed the same way. Prints medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
runs=${1:-5}
dist=$top/distribution/target/cec-portal
ref=${BENCH_REFERENCE:-$top/../shared/bench-reference/run.sh}
port=${PORT:-18090}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# time_to_first_200 URL PID -> ms since $t0 (global), or fails if the process dies
wait_200() {
  local url=$1 pid=$2
  while ! curl -s -o /dev/null -f "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "process died" >&2; return 1; }
    sleep 0.02
  done
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Prepare both sides once, outside the measurement: the reference compiles itself on first use; the
# portal's first run on a new installation writes its class-data sharing archive when it stops.
CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/prep "$dist/bin/cec-portal" >"$work/prep.log" 2>&1 & pid=$!
wait_200 "http://127.0.0.1:$port/" $pid
kill -TERM $pid; wait $pid 2>/dev/null || true

PORT=$port timeout 60 "$ref" serve hello-servlet >/dev/null 2>&1 & rp=$!
wait_200 "http://127.0.0.1:$port/" $rp || true
kill $rp 2>/dev/null; wait $rp 2>/dev/null || true

portal_ms=(); portal_rss=(); ref_ms=(); ref_rss=()
for i in $(seq "$runs"); do
  rm -rf "$work/data"
  t0=$(now_ms)
  CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/data "$dist/bin/cec-portal" >"$work/portal.log" 2>&1 & pid=$!
  wait_200 "http://127.0.0.1:$port/" $pid
  portal_ms+=($(( $(now_ms) - t0 )))
  sleep 3; portal_rss+=($(rss_kb $pid))
  kill -TERM $pid; wait $pid 2>/dev/null || true

  t0=$(now_ms)
  PORT=$port "$ref" serve hello-servlet >"$work/ref.log" 2>&1 & rp=$!
  wait_200 "http://127.0.0.1:$port/" $rp
  ref_ms+=($(( $(now_ms) - t0 )))
  sleep 3; ref_rss+=($(rss_kb "$(pgrep -P $rp java || echo $rp)"))
  kill -TERM $rp 2>/dev/null; pkill -P $rp 2>/dev/null || true; wait $rp 2>/dev/null || true
done

pm=$(printf '%s\n' "${portal_ms[@]}" | median); rm_=$(printf '%s\n' "${ref_ms[@]}" | median)
pr=$(printf '%s\n' "${portal_rss[@]}" | median); rr=$(printf '%s\n' "${ref_rss[@]}" | median)
echo "portal    first-200 ms: ${portal_ms[*]}  median $pm   RSS MiB median $((pr/1024))"
echo "reference first-200 ms: ${ref_ms[*]}  median $rm_   RSS MiB median $((rr/1024))"
awk -v a="$pm" -v b="$rm_" 'BEGIN {printf "ratio portal/reference (cold start): %.2f\n", a/b}'
