#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the fleet tests, with TLS certificates made
# here by openssl: a CA, a server certificate for localhost, a client certificate per
# kiosk role, and a second CA nobody trusts (for the wrong-certificate test).
# PostgreSQL refuses to run as root, so as root the server runs as 'nobody' (runuser);
# otherwise as the current user.
#   pg_cluster.sh run COMMAND...      make a folder in /tmp (one 'nobody' can reach),
#                                     start the cluster, run COMMAND with FLEET_DIR,
#                                     FLEET_PORT, FLEET_SOCK and FLEET_CLUSTER set, then
#                                     stop the cluster and remove the folder (always)
#   pg_cluster.sh stop|start DIR      stop (immediately, as a crash) or start it again
# Exit status 77 (CTest's skip) when no cluster can be started here, with the reason.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
self=$(readlink -f "$0")

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

skip() { echo "SKIP: $*"; exit 77; }

pg_start() {
  local dir=$1 port
  port=$(cat "$dir/port")
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1" start > /dev/null
}

pg_stop() {
  as_owner "$PGBIN/pg_ctl" -D "$1/data" -m immediate -w stop > /dev/null 2>&1 || true
}

certs() {
  local c=$1/certs
  mkdir -p "$c"
  cd "$c"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  for ca in ca other-ca; do
    openssl req -x509 "${ec[@]}" -keyout $ca.key -out $ca.crt -days 2 \
      -subj "/CN=Signpost test $ca" 2> /dev/null
  done
  sign() { # name subject [san]
    openssl req -new "${ec[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2" 2> /dev/null
    if [ -n "${3:-}" ]; then
      printf 'subjectAltName=%s\n' "$3" > "$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
        -extfile "$1.ext" -out "$1.crt" 2> /dev/null
    else
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
        -out "$1.crt" 2> /dev/null
    fi
    chmod 600 "$1.key"
  }
  sign server "/CN=localhost" "DNS:localhost,IP:127.0.0.1"
  for role in kiosk_a kiosk_c; do sign $role "/CN=$role"; done
  # kiosk_a's certificate once more, expired in 2020 (openssl ca sets the dates).
  printf '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n' > ca.cnf
  touch index.txt
  echo 01 > serial
  openssl req -new "${ec[@]}" -keyout expired.key -out expired.csr -subj "/CN=kiosk_a" 2> /dev/null
  openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in expired.csr \
    -out expired.crt -startdate 20200101000000Z -enddate 20200102000000Z > /dev/null 2>&1
  chmod 600 expired.key
  cd - > /dev/null
}

cmd=${1:-}
case "$cmd" in
  start) pg_start "$2"; exit 0 ;;
  stop) pg_stop "$2"; exit 0 ;;
  run) ;;
  *) echo "usage: pg_cluster.sh run COMMAND... | start DIR | stop DIR" >&2; exit 2 ;;
esac
shift
[ -x "$PGBIN/initdb" ] || skip "PostgreSQL 15 is not installed ($PGBIN/initdb; Debian: postgresql)"
command -v openssl > /dev/null || skip "openssl is not installed"
if [ "$(id -u)" -eq 0 ]; then
  command -v runuser > /dev/null || skip "running as root without runuser, and PostgreSQL refuses root"
  runuser -u nobody -- true 2> /dev/null || skip "cannot run as the user nobody"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/signpost-fleet.XXXXXX")
cleanup() { pg_stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 143' TERM INT HUP # so the EXIT trap removes the cluster then too
mkdir -p "$dir/sock"
chmod 755 "$dir"
certs "$dir"
[ "$(id -u)" -eq 0 ] && chown nobody "$dir/sock"
mkdir -m 700 "$dir/data"
[ "$(id -u)" -eq 0 ] && chown nobody "$dir/data"
as_owner "$PGBIN/initdb" -D "$dir/data" -U signpost_admin -A trust -E UTF8 --locale=C \
  --no-sync > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; skip "initdb failed"; }
install -m 600 "$dir/certs/server.crt" "$dir/data/server.crt"
install -m 600 "$dir/certs/server.key" "$dir/data/server.key"
install -m 644 "$dir/certs/ca.crt" "$dir/data/root.crt"
[ "$(id -u)" -eq 0 ] && chown nobody "$dir/data/server.crt" "$dir/data/server.key" "$dir/data/root.crt"
cat >> "$dir/data/postgresql.conf" <<CONF
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'root.crt'
fsync = off
max_connections = 120
shared_buffers = 16MB
password_encryption = scram-sha-256
CONF
cat > "$dir/data/pg_hba.conf" <<HBA
local all all trust
hostssl signpost +fleet_sim 127.0.0.1/32 scram-sha-256
hostssl signpost kiosk_b 127.0.0.1/32 scram-sha-256
hostssl signpost kiosk_b ::1/128 scram-sha-256
hostssl signpost kiosk_d 127.0.0.1/32 scram-sha-256
hostssl signpost kiosk_d ::1/128 scram-sha-256
hostssl signpost all 127.0.0.1/32 cert
hostssl signpost all ::1/128 cert
HBA
# A free port: nothing answers on it.
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 40000))
  (echo > /dev/tcp/127.0.0.1/$port) 2> /dev/null || break
done
echo "$port" > "$dir/port"
pg_start "$dir" || { cat "$dir/data/server.log"; echo "FAIL: the test cluster would not start"; exit 1; }
as_owner "$PGBIN/createdb" -h "$dir/sock" -p "$port" -U signpost_admin signpost
export FLEET_DIR=$dir FLEET_PORT=$port FLEET_SOCK=$dir/sock FLEET_CLUSTER=$self
set +e
"$@"
status=$?
set -e
[ $status -eq 0 ] || { echo "--- server log ---"; tail -20 "$dir/data/server.log"; }
exit $status
