#!/usr/bin/env bash
# Modules swapped under load (issue 17): wrk keeps four paths busy for SECONDS (120), 8 connections each
# (32 in all): the home page, the request form, POST /api/v1/requests (each submission with an address
# of its own) and the directory search. Every EVERY (5) s the next module in turn is stopped through the
# console, left stopped for DOWN (1) s and started again: the rebates example (a section of the form),
# the CSV contractor source example, Angus Mail (the SMTP implementation) and the email module itself.
# The portal sends its confirmations to a GreenMail SMTP server in the driver's JVM. Printed: requests
# answered per path, 4xx and 5xx, the p99 and the longest wait wrk saw, and how many acknowledged
# submissions (201) got exactly one confirmation, none, or more than one, once mail stopped coming.
# The pages do not belong to a swapped module, so the goal is 0 5xx, and every submission confirmed once.
#
#   mvn -B -q install -DskipTests && bench/swap-under-load.sh
#
# Needs wrk (apt-get install wrk). Env: SECONDS_ (120), EVERY (5), DOWN (1), CONNECTIONS (8), MVN (mvn).
# The driver is itests/src/test/java/org/cec/portal/itests/bench/SwapUnderLoad.java (with the plugin
# test kit's Portal), run with the itests test class path.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cd "$top/itests"
${MVN:-mvn} -B -q test-compile -Dspotless.check.skip=true >&2
${MVN:-mvn} -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
java -Xmx1g -cp "target/test-classes:$(cat target/bench.classpath)" \
  -Dseconds="${SECONDS_:-120}" -Devery="${EVERY:-5}" -Ddown="${DOWN:-1}" -Dconnections="${CONNECTIONS:-8}" \
  org.cec.portal.itests.bench.SwapUnderLoad "$top"
