#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints the variables they read:
#
#   eval "$(.ci/postgres.sh)"         # exports CEC_TEST_PG_URL, CEC_TEST_PG_USER, CEC_TEST_PG_PASSWORD
#   mvn -B verify
#   "$CEC_TEST_PG_STOP"               # stops the cluster and deletes its folder
#
# Uses the PostgreSQL server binaries on this machine (initdb/pg_ctl on PATH, or the newest
# /usr/lib/postgresql/<n>/bin); installs Debian's postgresql package when there are none. The
# cluster lives in a new folder under /tmp, listens on 127.0.0.1 on a free port, and runs as a
# non-root user (PostgreSQL refuses to run as root). Progress goes to stderr; stdout carries only
# the export lines.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  log "no PostgreSQL server binaries; installing Debian's postgresql package"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi
log "using $bin"

# The user the server runs as: ourselves unless we are root.
run_as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  if ! id "$owner" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  run_as=(runuser -u "$owner" --)
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${CEC_TEST_PG_PORT:-}
if [ -z "$port" ]; then
  for candidate in $(seq 15432 15531); do
    if port_free "$candidate"; then port=$candidate; break; fi
  done
fi
[ -n "$port" ] || { log "no free port between 15432 and 15531"; exit 1; }

dir=$(mktemp -d /tmp/cec-pg.XXXXXX)
chmod 700 "$dir"
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
printf '%s\n' "$password" >"$dir/pwfile"
chown -R "$owner" "$dir"

log "initialising a cluster in $dir/data"
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U cec --pwfile="$dir/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pwfile"

log "starting it on 127.0.0.1:$port"
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=on -c max_connections=200" start >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }

PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U cec cec >&2

stop="$dir/stop.sh"
cat >"$stop" <<STOP
#!/usr/bin/env bash
${run_as[*]} "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null && rm -rf "$dir"
STOP
chmod 755 "$stop"

echo "export CEC_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/cec"
echo "export CEC_TEST_PG_USER=cec"
echo "export CEC_TEST_PG_PASSWORD=$password"
echo "export CEC_TEST_PG_STOP=$stop"
log "ready: jdbc:postgresql://127.0.0.1:$port/cec (stop with \$CEC_TEST_PG_STOP)"
