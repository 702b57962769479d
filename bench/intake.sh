#!/usr/bin/env bash
# Intake under load (issue 4), against the running distribution, next to the reference servers
# measured in the same run:
#   - GET /request (the first step of the form, in the layout, with the consent banner; no cookies,
#     so every request also issues a CSRF token and cookie)
#     vs ../shared/bench-reference/run.sh measure fm-servlet (a 40-field Freemarker form)
#   - POST /api/v1/requests, each a durable submission (request + services + intake.submitted event
#     in one transaction, group-committed; H2 with WRITE_DELAY=0) vs run.sh measure db-group-sync.
#     After the measured run the portal is killed with kill -9, and the requests stored on disk are
#     counted: every acknowledged submission must be there.
#
#   mvn -B -q install -DskipTests && bench/intake.sh
#
# Same wrk settings as the reference: -t2 -c64, 15 s measured. The portal is warmed up for 30 s
# instead of the reference's 10 s: its JIT starts the optimising compiler on hotter code (see
# docs/operations.md), so it needs longer to reach full speed. The rate limit is raised for the run
# through etc/org.cec.portal.intake.cfg.json (it is per client address, and wrk is one client).
# Env: PORT (18097), BENCH_REFERENCE (path of run.sh), WARM (portal warm-up seconds, 30).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ref=${BENCH_REFERENCE:-$top/../shared/bench-reference/run.sh}
port=${PORT:-18097}
warm=${WARM:-30}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$top/distribution/target/cec-portal" "$work/portal"
cat >"$work/portal/etc/org.cec.portal.intake.cfg.json" <<JSON
{ "rateLimit.posts:Integer": 100000000, "rateLimit.windowSeconds:Integer": 60 }
JSON
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"Jane O\'Doe","email":"jane.doe@example.com","phone":"(415) 555-0134","city":"San Francisco","zip":"94110","address":"1 Market St","services":["heat-pump","solar-pv"],"ageConfirmed":true}'
LUA

start_portal() {
  CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/data "$work/portal/bin/cec-portal" >>"$work/portal.log" 2>&1 & pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null -f "http://127.0.0.1:$port/request" && return; sleep 0.1; done
  echo "the portal did not start" >&2; exit 1
}
# The first start of an installation writes its class-data sharing archive when it stops.
start_portal; kill -TERM $pid; wait $pid 2>/dev/null || true
start_portal
sleep 3 # let FileInstall apply the configuration

acknowledged=0
# run SECONDS URL [lua] -> wrk output in $work/wrk.out; counts the 2xx answers of POST runs
run() {
  local s=(); [ -n "${3:-}" ] && s=(-s "$3")
  wrk -t2 -c64 -d"$1"s --latency "${s[@]}" "$2" >"$work/wrk.out"
  if [ -n "${3:-}" ]; then
    local total errs; total=$(awk '/requests in/ {print $1}' "$work/wrk.out"); errs=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out")
    acknowledged=$((acknowledged + total - ${errs:-0}))
  fi
}
measure() { # name url [lua]
  run "$warm" "$2" "${3:-}"
  run 15 "$2" "${3:-}"
  local out rps p50 p99 errs; out=$(cat "$work/wrk.out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); echo "portal $1 req/s $rps p50 $p50 p99 $p99 non-2xx ${errs:-0}"
}
measure form-page "http://127.0.0.1:$port/request"
measure api-submit "http://127.0.0.1:$port/api/v1/requests" "$work/post.lua"

# Durability: kill -9 right after the last answer, then count what is on disk.
kill -9 $pid; wait $pid 2>/dev/null || true; pid=
h2=$(find "$work/portal/bundle" -name 'h2-*.jar' | head -1)
stored=$(java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/db/portal;MODE=LEGACY" -user sa -password "" \
  -sql "SELECT COUNT(*) FROM intake_request" | awk 'NR==2 {print $1}')
verdict=ok; [ "$stored" -ge "$acknowledged" ] || verdict=LOST
echo "portal kill-9 acknowledged $acknowledged stored $stored $verdict"

PORT=$((port + 1)) "$ref" measure fm-servlet || true
PORT=$((port + 1)) "$ref" measure db-group-sync || true
[ "$verdict" = ok ]
