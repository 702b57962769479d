#!/usr/bin/env bash
# Throughput and latency of the platform's data layer (issue 3), on H2 and PostgreSQL: events appended
# and dispatched per second, dispatch latency p50/p99, durable single-row inserts per second with and
# without group commit. One line per figure; results go to docs/benchmarks.md.
#
#   eval "$(.ci/postgres.sh)"                 # a throwaway PostgreSQL (else only H2 is measured)
#   bench/platform-events.sh [h2] [postgresql]
#   "$CEC_TEST_PG_STOP"
#
# Env: BENCH_SECONDS (10) measured per figure after BENCH_WARMUP (3) seconds. The harness is
# bundles/org.cec.portal.platform/src/test/java/org/cec/portal/platform/internal/bench/PlatformEventsBench.java,
# run with the module's test class path (it uses the platform's own pool, migrations, EventStore and
# Dispatcher). The H2 database is a file in a new temporary folder, with the portal's default options.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
module=$top/bundles/org.cec.portal.platform
cd "$module"
mvn -B -q test-compile -Dspotless.check.skip=true >&2
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
exec java -Xms512m -Xmx512m \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dbench.seconds="${BENCH_SECONDS:-10}" -Dbench.warmup="${BENCH_WARMUP:-3}" \
  -Dbench.migrations="$module/src/main/resources/db/migration" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.cec.portal.platform.internal.bench.PlatformEventsBench "$@"
