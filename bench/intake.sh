#!/usr/bin/env bash
# Intake under load (issue 4), against the running distribution, next to the reference servers
# measured in the same run:
#   - GET /request (the first step of the form, in the layout, with the consent banner)
#     vs ../shared/bench-reference/run.sh measure fm-servlet (a 40-field Freemarker form)
#   - POST /api/v1/requests, each a durable submission (request + services + intake.submitted
#     event in one transaction, H2 with WRITE_DELAY=0: survives kill -9)
#     vs ../shared/bench-reference/run.sh measure db-group-sync
#
#   mvn -B -q install -DskipTests && bench/intake.sh
#
# Same wrk settings as the reference: -t2 -c64, 10 s warm-up, 15 s measured. The rate limit is
# raised for the run through etc/org.cec.portal.intake.cfg.json (it is per client address, and wrk
# is one client). Env: PORT (18097), BENCH_REFERENCE (path of run.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ref=${BENCH_REFERENCE:-$top/../shared/bench-reference/run.sh}
port=${PORT:-18097}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$top/distribution/target/cec-portal" "$work/portal"
cat >"$work/portal/etc/org.cec.portal.intake.cfg.json" <<JSON
{ "rateLimit.posts:Integer": 100000000, "rateLimit.windowSeconds:Integer": 60 }
JSON
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"Jane O\'Doe","email":"jane.doe@example.com","phone":"(415) 555-0134","city":"San Francisco","zip":"94110","address":"1 Market St","services":["heat-pump","solar-pv"],"ageConfirmed":true}'
LUA
CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/data "$work/portal/bin/cec-portal" >"$work/portal.log" 2>&1 & pid=$!
for _ in $(seq 600); do curl -s -o /dev/null -f "http://127.0.0.1:$port/request" && break; sleep 0.1; done
sleep 3 # let FileInstall apply the configuration

measure() { # name url [lua]
  local s=(); [ -n "${3:-}" ] && s=(-s "$3")
  wrk -t2 -c64 -d10s "${s[@]}" "$2" >/dev/null
  local out; out=$(wrk -t2 -c64 -d15s --latency "${s[@]}" "$2")
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); echo "portal $1 req/s $rps p50 $p50 p99 $p99 non-2xx ${errs:-0}"
}
measure form-page "http://127.0.0.1:$port/request"
measure api-submit "http://127.0.0.1:$port/api/v1/requests" "$work/post.lua"
kill $pid; wait $pid 2>/dev/null || true
PORT=$((port + 1)) "$ref" measure fm-servlet
PORT=$((port + 1)) "$ref" measure db-group-sync
