#!/usr/bin/env bash
# Email (issue 13): messages per second from the outbox to a local SMTP server, each message's state
# durable. The harness fills the outbox on a file H2 database with the portal's URL options
# (WRITE_DELAY=0: every commit on disk) through the Mailer, then the real sender (production
# defaults: 4 threads, batches of 50, claims FOR UPDATE SKIP LOCKED with a lease) sends it through the
# real SMTP transport (Angus Mail, connections reused) to GreenMail in a process of its own, until
# every message is 'sent' in the database (polled through the email.sent events, committed in the
# transaction that marks the messages sent; the rows are counted once at the end and must agree). Run
# for two outbox sizes: the heap after GC while sending must not grow with the outbox.
#
#   mvn -B -q install -DskipTests && bench/email.sh
#
# Env: COUNTS ("20000 100000"), PORT (2525), MVN (mvn). The harness is
# bundles/org.cec.portal.email/src/test/java/org/cec/portal/email/internal/outbox/OutboxBench.java
# (the sink: SmtpSink.java beside it), run with the module's test class path.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
module=$top/bundles/org.cec.portal.email
port=${PORT:-2525}
work=$(mktemp -d)
sink=
trap '[ -n "$sink" ] && kill $sink 2>/dev/null; rm -rf "$work"' EXIT
cd "$module"
${MVN:-mvn} -B -q test-compile -Dspotless.check.skip=true >&2
${MVN:-mvn} -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  org.cec.portal.email.internal.outbox.SmtpSink "$port" >"$work/sink.log" 2>&1 & sink=$!
for _ in $(seq 100); do grep -q listening "$work/sink.log" 2>/dev/null && break; sleep 0.1; done
for n in ${COUNTS:-20000 100000}; do
  echo "outbox of $n messages:"
  java -Xms256m -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.migrations="$module/src/main/resources/db/migration" \
    -cp "$cp" org.cec.portal.email.internal.outbox.OutboxBench "$n" "$port" "$work/db-$n"
done
echo "sink: $(tail -1 "$work/sink.log")"
