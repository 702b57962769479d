#!/usr/bin/env bash
# Email (issue 13): messages per second from the outbox to a local SMTP server, each message's state
# durable. The harness fills the outbox on a file H2 database with the portal's URL options
# (WRITE_DELAY=0: every commit on disk) through the Mailer, then the real sender (production
# defaults: 4 threads, batches of 50, claims FOR UPDATE SKIP LOCKED with a lease) sends it through the
# real SMTP transport (Angus Mail, connections reused) to a local SMTP server in a process of its own, until
# every message is 'sent' in the database (polled through the email.sent events, committed in the
# transaction that marks the messages sent; the rows are counted once at the end and must agree). Run
# for two outbox sizes: the heap after GC while sending must not grow with the outbox.
#
#   mvn -B -q install -DskipTests && bench/email.sh
#
# The SMTP server (SINK): "postfix" (default), Postfix's smtp-sink from Debian's postfix package
# (the test server only; with "postfix postfix/main_mailer_type select No configuration" given to
# debconf-set-selections before apt-get install -y postfix, no mail system is set up or started), which
# answers every command at once and keeps nothing; or "greenmail", GreenMail as the tests use it
# (SmtpSink.java beside the harness), which parses and stores every message and delivers one message at
# a time over all connections (its SmtpManager.send is synchronized): it caps the rate at about 550/s
# here and measures GreenMail rather than the outbox.
#
# The harness runs with the portal's collector (serial, bin/cec-portal), under which the heap used right
# after System.gc() is what is live.
#
# Env: COUNTS ("20000 100000"), SINK (postfix), HEAP (1g: H2 sizes its page cache from it, 64 MB per GB; the portal itself runs with the JVM's default,
# a quarter of the machine's memory), LIVE (set: sample the live heap with jmap every 5 s), PORT (2525), MVN (mvn). The harness is
# bundles/org.cec.portal.email/src/test/java/org/cec/portal/email/internal/outbox/OutboxBench.java,
# run with the module's test class path.
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
start_sink() {
  case "${SINK:-postfix}" in
    postfix)
      command -v smtp-sink >/dev/null || { echo "smtp-sink not found: apt-get install -y postfix (or SINK=greenmail)" >&2; exit 1; }
      # -c: counters on stdout; as root it must drop to an unprivileged user
      smtp-sink -c -u nobody "127.0.0.1:$port" 256 >"$work/sink.log" 2>&1 & sink=$!
      sleep 0.5 ;;
    greenmail)
      java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
        org.cec.portal.email.internal.outbox.SmtpSink "$port" >"$work/sink.log" 2>&1 & sink=$!
      for _ in $(seq 100); do grep -q listening "$work/sink.log" 2>/dev/null && break; sleep 0.1; done ;;
    *) echo "SINK must be postfix or greenmail" >&2; exit 1 ;;
  esac
}
received() {
  # smtp-sink rewrites one counter line ("... mesg=N") with carriage returns; SmtpSink prints "sink received N"
  tr '\r' '\n' <"$work/sink.log" | grep -oE 'mesg=[0-9]+|received [0-9]+' | tail -1 | grep -oE '[0-9]+$' || echo 0
}
for n in ${COUNTS:-20000 100000}; do
  start_sink
  echo "outbox of $n messages (SMTP server: ${SINK:-postfix}):"
  java -Xms${HEAP:-1g} -Xmx${HEAP:-1g} -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.migrations="$module/src/main/resources/db/migration" \
    -cp "$cp" org.cec.portal.email.internal.outbox.OutboxBench "$n" "$port" "$work/db-$n" & bench=$!
  if [ -n "${LIVE:-}" ]; then
    # the live objects (jmap -histo:live, after a full collection) every 5 s until the harness ends
    sleep 5
    while kill -0 $bench 2>/dev/null; do
      jmap -histo:live $bench 2>/dev/null | awk '/^Total/ {print int($3 / 1048576)}' >>"$work/live-$n"
      sleep 5
    done
    sort -n "$work/live-$n" | awk '{a[NR] = $1} END {if (NR) printf "live heap (jmap, every 5 s): %d samples, min %d MB, max %d MB\n", NR, a[1], a[NR]}'
  fi
  wait $bench
  sleep 1
  echo "the SMTP server received $(received) messages"
  kill $sink 2>/dev/null; wait $sink 2>/dev/null || true; sink=
done
