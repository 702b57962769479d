#!/usr/bin/env bash
# Analytics under load (issue 14, acceptance 8), against the running distribution, each figure next to
# its reference measured in the same run with the same wrk settings (-t2 -c64, WARM s warm-up, 15 s
# measured, as ../shared/bench-reference/README.md asks):
#   - GET / with analytics recording, every request from a visitor who accepted all cookies (the
#     consent cookie of a real choice on /privacy/choices), against the same portal with the analytics
#     bundle stopped (console, bundle "stop"): the goal is at least 0.9x.
#   - GET /email/open/<token>, the open pixel of a tracked newsletter test (console "Email" ->
#     campaign -> "send a test", delivered by the mailfile example into a folder), against
#     run.sh measure hello-servlet: the goal is at least 0.5x.
#
#   mvn -B -q install -DskipTests && bench/analytics.sh
#
# Env: PORT (18098), BENCH_REFERENCE (path of run.sh), WARM (30: the portal compiles its hot paths
# with C2 after about 30 s of traffic, see bin/cec-portal), ROUNDS (2), MVN (mvn).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ref=${BENCH_REFERENCE:-$top/../shared/bench-reference/run.sh}
port=${PORT:-18098}
warm=${WARM:-30}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$top/distribution/target/cec-portal" "$work/portal"
(cd "$top/itests" && ${MVN:-mvn} -B -q test-compile -Dspotless.check.skip=true >&2 \
  && ${MVN:-mvn} -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2)
itests_cp="$top/itests/target/test-classes:$(cat "$top/itests/target/bench.classpath")"
etc=$work/portal/etc
# Commercial mail needs the operator's postal address; the pixel's abuse limit is lifted for the load.
cat >"$etc/org.cec.portal.email.cfg.json" <<JSON
{ "public.url": "$base", "postal.address": "CEC Portal Bench, 1 Main Street, Springfield, CA 94110" }
JSON
cat >"$etc/org.cec.portal.email.tracking.cfg.json" <<JSON
{ "rateLimit.requests:Integer": 100000000, "rateLimit.windowSeconds:Integer": 1 }
JSON

start_portal() {
  CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/data "$work/portal/bin/cec-portal" >>"$work/portal.log" 2>&1 & pid=$!
  for _ in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health")" = 200 ] && return; sleep 0.1; done
  echo "the portal did not start" >&2; tail -20 "$work/portal.log" >&2; exit 1
}
# The first start of an installation writes its class-data sharing archive when it stops.
start_portal; kill -TERM $pid; wait $pid 2>/dev/null || true
start_portal
# The console wants the first admin signed in as a person would (new password, second factor): the
# test kit's sign-in does that and makes an API token (itests' bench/ConsoleToken).
auth=$(java -cp "$itests_cp" org.cec.portal.itests.bench.ConsoleToken "$base" "$work/data")
console() { curl -s -H "Authorization: $auth" -H "Origin: $base" "$@"; }

# A visitor who accepts every purpose: the CSRF cookie and token of the choices page, then the choice.
jar=$work/cookies.txt
csrf=$(curl -s -c "$jar" "$base/privacy/choices" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$csrf" ] || { echo "no CSRF token on /privacy/choices" >&2; exit 1; }
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode choice=accept-all \
  -H "Origin: $base" "$base/privacy/choices"
cookie=$(awk '!/^#/ && NF>=7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
grep -q cec_consent "$jar" || { echo "no consent cookie after accepting: $cookie" >&2; exit 1; }

measure() { # name url [wrk options...]
  local name=$1 url=$2 out rps p50 p99 errs
  shift 2
  wrk -t2 -c64 -d"$warm"s "$@" "$url" >/dev/null
  out=$(wrk -t2 -c64 -d15s --latency "$@" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out"); errs=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "portal $name req/s $rps p50 $p50 p99 $p99 non-2xx ${errs:-0}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
rps() { awk '{for (i = 1; i < NF; i++) if ($i == "req/s") print $(i + 1)}' <<<"$1"; }

# Page views of /, recording (every visitor consenting) and with the bundle stopped, measured in
# turns (ROUNDS, 2) so that neither side gets all of the warm-up or of the machine's noise; the best
# round of each side counts.
browser=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" -H "Cookie: $cookie")
bundle=$(console "$base/system/console/bundles.json" | python3 -c 'import json,sys; print([b["id"] for b in json.load(sys.stdin)["data"] if b["symbolicName"]=="org.cec.portal.analytics"][0])')
best_with=0 best_without=0
for round in $(seq "${ROUNDS:-2}"); do
  with=$(measure home-with-analytics "$base/" "${browser[@]}"); echo "$with"
  best_with=$(awk -v a="$best_with" -v b="$(rps "$with")" 'BEGIN {print (b > a) ? b : a}')
  console -o /dev/null -d action=stop "$base/system/console/bundles/$bundle"
  without=$(measure home-analytics-stopped "$base/" "${browser[@]}"); echo "$without"
  best_without=$(awk -v a="$best_without" -v b="$(rps "$without")" 'BEGIN {print (b > a) ? b : a}')
  console -o /dev/null -d action=start "$base/system/console/bundles/$bundle"
  sleep 2
done
echo "home page with analytics / stopped (best of each): $(ratio "$best_with" "$best_without")x (goal >= 0.9)"

# The open pixel of a newsletter test, sent through the mailfile example (installed at runtime).
cp "$work/portal/examples/org.cec.portal.example.mailfile.jar" "$work/portal/deploy/.mailfile.tmp"
mv "$work/portal/deploy/.mailfile.tmp" "$work/portal/deploy/org.cec.portal.example.mailfile.jar"
created=$(console -o /dev/null -w '%{redirect_url}' --data-urlencode action=campaign-create \
  --data-urlencode "subject=Bench newsletter" --data-urlencode "body=Hello from the bench. https://example.org/more" \
  --data-urlencode zipPrefix= --data-urlencode service= "$base/system/console/email")
campaign=$(sed -n 's/.*[?&]id=\([0-9]*\).*/\1/p' <<<"$created")
[ -n "$campaign" ] || { echo "the console did not create the campaign: $created" >&2; exit 1; }
for _ in $(seq 100); do
  answer=$(console -o /dev/null -w '%{http_code}' --data-urlencode action=campaign-test --data-urlencode "id=$campaign" \
    --data-urlencode address=bench.reader@example.org --data-urlencode language=en "$base/system/console/email")
  [ "$answer" = 303 ] && break; sleep 0.2
done
pixel=
for _ in $(seq 300); do
  eml=$(find "$work/data/mailfile" -name '*.eml' 2>/dev/null | head -1 || true)
  if [ -n "$eml" ]; then
    pixel=$(python3 -c 'import email,re,sys
m=email.message_from_binary_file(open(sys.argv[1],"rb"))
for p in m.walk():
    if p.get_content_type()=="text/html":
        f=re.search(r"/email/open/[A-Za-z0-9_.-]+", p.get_payload(decode=True).decode()); print(f.group(0) if f else "")' "$eml")
    break
  fi
  sleep 0.2
done
[ -n "$pixel" ] || { echo "no tracked newsletter test arrived in $work/data/mailfile" >&2; exit 1; }
first=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$base$pixel")
[ "$first" = "200 image/gif" ] || { echo "the pixel answered $first" >&2; exit 1; }
[ -n "${PAUSE_AT_PIXEL:-}" ] && { echo "PIXEL $base$pixel PID $pid"; sleep "$PAUSE_AT_PIXEL"; }
open=$(measure email-open-pixel "$base$pixel")
after=$(curl -s -D - -o /dev/null "$base$pixel" | head -12)
echo "$open"
grep -q "non-2xx 0" <<<"$open" || echo "the pixel after the load: $after"
# For scale: the portal's cheapest answer, a static file through the same filters (security headers,
# CSRF, language, client address), is the ceiling of any page of the portal.
floor=$(measure static-css "$base/static/portal.css")
echo "$floor"
kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
hello=$("$ref" measure hello-servlet | tail -1 || true)
echo "$hello"
echo "open pixel / hello-servlet: $(ratio "$(rps "$open")" "$(rps "$hello")")x (goal >= 0.5)"
echo "static file / hello-servlet: $(ratio "$(rps "$floor")" "$(rps "$hello")")x (the portal's filter chain)"
