#!/usr/bin/env bash
# How long a contractor changed by staff takes to show in search (issue 12, acceptance 9: within 1 s),
# measured while wrk keeps the search API busy (-t2 -c16). Staff create one contractor in the console
# (page "Contractors", basic authentication of the first admin, the console's Origin check), then
# rename it ROUNDS times; each time the clock starts when the console has answered the save and stops
# at the first search answer (GET /api/v1/contractors, polled every 10 ms) that shows the new name.
#
#   bench/directory-change.sh PORT WORK     (called by bench/directory.sh with the running portal)
#
# WORK is the folder holding data/admin-credentials.txt. Env: ROUNDS (20), ZIP (59001).
set -euo pipefail
port=$1
work=$2
rounds=${ROUNDS:-20}
zip=${ZIP:-59001}
base="http://127.0.0.1:$port"
user=$(sed -n 's/^username=//p' "$work/data/admin-credentials.txt")
pass=$(sed -n 's/^password=//p' "$work/data/admin-credentials.txt")
cert="Bench Change Certified"
query="$base/api/v1/contractors?zip=$zip&radius=25&service=solar-pv&cert=Bench%20Change%20Certified"

save() { # id name -> the console's Location header
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -u "$user:$pass" -H "Origin: $base" \
    --data-urlencode action=save --data-urlencode "id=$1" --data-urlencode "business_name=$2" \
    --data-urlencode services=solar-pv --data-urlencode "base_zip=$zip" \
    --data-urlencode service_radius_miles=30 --data-urlencode "certifications=$cert|BC-1|Bench|2030-01-31" \
    --data-urlencode insured_until=2030-12-31 --data-urlencode languages=en \
    --data-urlencode website=https://change.example.org --data-urlencode active=true \
    "$base/system/console/contractors"
}

answer=$(save "" "Change Bench 0")
[[ $answer == 303* ]] || { echo "the console did not save the contractor: $answer" >&2; exit 1; }
id=$(sed -n 's/.*[?&]id=\(c-[a-z0-9-]*\).*/\1/p' <<<"$answer")
until curl -s "$query" | grep -q "Change Bench 0"; do sleep 0.1; done

# The load: random searches, as in bench/directory.sh.
PREFIX="/api/v1/contractors?" wrk -t2 -c16 -d$((rounds + 30))s -s "$work/queries.lua" "$base/" >/dev/null & load=$!
sleep 3

times=()
for i in $(seq 1 "$rounds"); do
  name="Change Bench $i-$RANDOM"
  answer=$(save "$id" "$name")
  [[ $answer == 303* ]] || { echo "the console did not save round $i: $answer" >&2; kill $load; exit 1; }
  t0=$(date +%s%N)
  until curl -s "$query" | grep -q "$name"; do
    sleep 0.01
    (( $(date +%s%N) - t0 < 10000000000 )) || { echo "round $i: not in search after 10 s" >&2; kill $load; exit 1; }
  done
  times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  sleep 0.5
done
kill $load 2>/dev/null; wait $load 2>/dev/null || true
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "staff change visible in search after (ms, $rounds rounds under load): median $(sed -n "$(( (rounds + 1) / 2 ))p" <<<"$sorted") max $(tail -1 <<<"$sorted") all ${times[*]}"
