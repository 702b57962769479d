#!/usr/bin/env bash
# Analytics dashboard (issue 14): every table of the console page Analytics for a one-year range must
# answer in at most 300 ms, on H2 and on PostgreSQL, with a year of daily rollups as 10 million raw
# events leave them (about 2,600 rollup rows a day, 965,000 for the year: the harness writes them
# straight into analytics_daily of a fresh database migrated with the module's migrations, H2 in
# file mode with the portal's URL options or a new schema on the PostgreSQL of CEC_TEST_PG_URL/USER/
# PASSWORD), then times each table as the page asks for it (Dashboard.table, the same SQL): 3 warm-up
# runs, then the median and the slowest of RUNS runs. The raw events themselves are not generated:
# the dashboard never reads them.
#
#   mvn -B -q install -DskipTests && eval "$(.ci/postgres.sh)" && bench/analytics-dashboard.sh
#
# WARMED=true: as in the portal some seconds after its start, the module's DashboardWarmer has built the
# year view (up to today) before the first opening is timed; the "first" column is then the first
# opening a person makes.
#
# RAW_EVENTS=true: the raw events themselves are generated (RAW a year) into analytics_event, rolled up
# by the module's own Rollups, and the tables timed after the warmer ran (RawYearBench).
#
# Env: KINDS ("h2 postgresql"), RUNS (7), RAW (10000000 raw events a year), WARMED (false), RAW_EVENTS, MVN (mvn). The harness is
# bundles/org.cec.portal.analytics/src/test/java/org/cec/portal/analytics/internal/dashboard/DashboardBench.java,
# run with the module's test class path.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
module=$top/bundles/org.cec.portal.analytics
cd "$module"
${MVN:-mvn} -B -q test-compile -Dspotless.check.skip=true >&2
${MVN:-mvn} -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
for kind in ${KINDS:-h2 postgresql}; do
  if [ -n "${RAW_EVENTS:-}" ]; then
    java -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
      org.cec.portal.analytics.internal.rollups.RawYearBench "$kind" "${RUNS:-7}" "${RAW:-10000000}"
  else
    java -Xms512m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.warm="${WARMED:-false}" -cp "$cp" \
      org.cec.portal.analytics.internal.dashboard.DashboardBench "$kind" "${RUNS:-7}" "${RAW:-10000000}"
  fi
done
