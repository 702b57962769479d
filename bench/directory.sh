#!/usr/bin/env bash
# The contractor directory under load (issue 12), against the running distribution, next to the
# reference servers measured in the same run with the same wrk settings (-t2 -c16, 30 s measured
# after a warm-up):
#   - GET /api/v1/contractors?zip=<random>&radius=25&service=<random>  vs run.sh measure hello-servlet
#   - GET /contractors?zip=<random>&radius=25&service=<random>         vs run.sh measure fm-servlet
# 100,000 generated contractors spread over the US (each based at a random ZIP centroid, so they are
# as dense as ZIP codes are) are served by the csvsource example plugin, installed at runtime.
# Then: how long a contractor changed by staff (console "Contractors", edit) takes to show in search.
#
#   mvn -B -q install -DskipTests && bench/directory.sh
#
# Env: PORT (18097), BENCH_REFERENCE (path of run.sh), WARM (portal warm-up seconds, 30), COUNT (100000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ref=${BENCH_REFERENCE:-$top/../shared/bench-reference/run.sh}
port=${PORT:-18097}
warm=${WARM:-30}
count=${COUNT:-100000}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$top/distribution/target/cec-portal" "$work/portal"
centroids=$(find "$top/bundles" -path '*/src/main/resources/data/us-zip-centroids.csv' | head -1)
services="solar-pv battery-storage heat-pump heat-pump-water-heater insulation-air-sealing ev-charger home-energy-audit panel-upgrade"

# The contractors, and the ZIPs and services the load asks for (fixed seed: every run the same).
mkdir -p "$work/data/csvsource"
python3 - "$centroids" "$count" "$work/data/csvsource/contractors.csv" "$work/queries.lua" $services <<'PY'
import csv, random, sys
centroids, count, out, lua, services = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
rnd = random.Random(12)
zips = [row[0] for row in csv.reader(open(centroids)) if row[0].isdigit()]
cols = "id,business_name,services,base_zip,latitude,longitude,service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,website,phone,email,active,last_verified"
with open(out, "w") as f:
    f.write(cols + "\n")
    for i in range(count):
        s = ";".join(rnd.sample(services, rnd.randint(1, 3)))
        langs = "en;es" if rnd.random() < 0.3 else "en"
        cert = "NABCEP PV Installation Professional|PV-%d|NABCEP|2028-06-30" % i if "solar-pv" in s else ""
        f.write("b%d,Bench Contractor %d,%s,%s,,,%d,,%s,,2027-12-31,%s,,https://example.org/b%d,,,true,\n"
                % (i, i, s, rnd.choice(zips), rnd.choice([10, 15, 25, 35, 50]), cert, langs, i))
paths = ["zip=%s&radius=25&service=%s" % (rnd.choice(zips), rnd.choice(services)) for _ in range(2000)]
with open(lua, "w") as f:
    f.write("local q = {" + ",".join('"%s"' % p for p in paths) + "}\n")
    f.write("local prefix = os.getenv('PREFIX')\nlocal i = 0\n")
    f.write("request = function()\n  i = i % #q + 1\n  return wrk.format('GET', prefix .. q[i])\nend\n")
PY

start_portal() {
  CEC_HTTP_PORT=$port CEC_DATA_DIR=$work/data "$work/portal/bin/cec-portal" >>"$work/portal.log" 2>&1 & pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null -f "http://127.0.0.1:$port/request" && return; sleep 0.1; done
  echo "the portal did not start" >&2; exit 1
}
# The first start of an installation writes its class-data sharing archive when it stops.
start_portal; kill -TERM $pid; wait $pid 2>/dev/null || true
start_portal
cp "$work/portal/examples/org.cec.portal.example.csvsource.jar" "$work/portal/deploy/.csvsource.tmp"
mv "$work/portal/deploy/.csvsource.tmp" "$work/portal/deploy/org.cec.portal.example.csvsource.jar"
loaded=$(date +%s)
until curl -s "http://127.0.0.1:$port/api/v1/contractors?zip=10001&radius=100" | grep -q '"csv:b'; do
  [ $(( $(date +%s) - loaded )) -lt 120 ] || { echo "the contractors were not loaded" >&2; exit 1; }
  sleep 0.5
done
echo "portal loaded $count contractors in $(( $(date +%s) - loaded )) s"

measure() { # name prefix
  PREFIX="$2" wrk -t2 -c16 -d"$warm"s -s "$work/queries.lua" "http://127.0.0.1:$port/" >/dev/null
  local out rps p50 p99 errs
  out=$(PREFIX="$2" wrk -t2 -c16 -d30s --latency -s "$work/queries.lua" "http://127.0.0.1:$port/")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); echo "portal $1 req/s $rps p50 $p50 p99 $p99 non-2xx ${errs:-0}"
}
measure api-search "/api/v1/contractors?"
measure page-search "/contractors?"

# A contractor changed by staff: the time from the console's answer to the change in search results.
if [ -x "$here/directory-change.sh" ]; then "$here/directory-change.sh" "$port" "$work"; fi

kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
PORT=$((port + 1)) WARM=10 DUR=30 CONNS=16 "$ref" measure hello-servlet || true
PORT=$((port + 1)) WARM=10 DUR=30 CONNS=16 "$ref" measure fm-servlet || true
