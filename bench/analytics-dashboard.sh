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
# Env: KINDS ("h2 postgresql"), RUNS (7), RAW (10000000 raw events a year), MVN (mvn). The harness is
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
  java -Xms512m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.cec.portal.analytics.internal.dashboard.DashboardBench "$kind" "${RUNS:-7}" "${RAW:-10000000}"
done
