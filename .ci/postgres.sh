#!/usr/bin/env bash
# Finds or installs PostgreSQL (the Debian package), starts a cluster listening on loopback,
# creates a throw-away test role and database, and prints the connection string the registry
# tests read. Idempotent: run it as often as you like; it only does what is missing.
#
# Usage (the DSN line is the only thing on stdout; progress goes to stderr):
#   eval "$(.ci/postgres.sh)"                  # exports MUNICIPAL_TEST_POSTGRES_DSN
#   .ci/postgres.sh --env-file /tmp/pg.env && . /tmp/pg.env
# Options:
#   --no-install      never call apt-get; fail if no PostgreSQL server is installed
#   --env-file FILE   also write the `export ...` line to FILE
# Environment (all optional): MUNICIPAL_PG_ROLE, MUNICIPAL_PG_DATABASE,
#   MUNICIPAL_PG_PASSWORD (default: municipal_test for all three).
# Needs root, the postgres user, or password-less sudo (to install, start the cluster and
# create the role). The role is a test fixture on 127.0.0.1 only, hence the fixed password.
set -euo pipefail

install=1
env_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0 ;;
    --env-file) env_file="${2:?--env-file needs a path}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "postgres.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

role="${MUNICIPAL_PG_ROLE:-municipal_test}"
database="${MUNICIPAL_PG_DATABASE:-municipal_test}"
password="${MUNICIPAL_PG_PASSWORD:-municipal_test}"
for name in "$role" "$database"; do
  # Names go into SQL unquoted-safe form; refuse anything else rather than escape it.
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "postgres.sh: bad name '$name'" >&2; exit 2; }
done
[[ "$password" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "postgres.sh: password must be [A-Za-z0-9_.-]" >&2; exit 2; }

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root() { sudo -n "$@"; }
else
  as_root() { log "need root or password-less sudo for: $*"; return 1; }
fi
if [ "$(id -un)" = postgres ]; then
  as_postgres() { "$@"; }
elif [ "$(id -u)" -eq 0 ]; then
  as_postgres() { runuser -u postgres -- "$@"; }
else
  as_postgres() { sudo -n -u postgres "$@"; }
fi

server_installed() {
  command -v pg_lsclusters >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

if ! server_installed; then
  if [ "$install" -eq 0 ]; then
    log "no PostgreSQL server installed (and --no-install given)"
    exit 1
  fi
  log "installing the postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q postgresql >&2 \
    || { as_root apt-get update -q >&2 && as_root apt-get install -y -q postgresql >&2; }
fi

# The first cluster pg_lsclusters lists; create one for the newest server if there is none
# (the package creates "main" on install, but a container image may have dropped it).
cluster="$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')"
if [ -z "$cluster" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  log "creating cluster $version/main"
  as_root pg_createcluster "$version" main >&2
  cluster="$version main"
fi
read -r version name <<<"$cluster"
if ! pg_lsclusters --no-header "$version" "$name" | grep -q online; then
  log "starting cluster $version/$name"
  as_root pg_ctlcluster "$version" "$name" start >&2
fi
port="$(pg_lsclusters --no-header "$version" "$name" | awk '{print $3}')"

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2 || { log "server on port $port is not ready"; exit 1; }

# Role and database: created when missing, password reset every time (idempotent).
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >&2 <<SQL
SELECT format('CREATE ROLE %I LOGIN', '$role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role LOGIN PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I', '$database', '$role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
SQL

dsn="postgresql://$role:$password@127.0.0.1:$port/$database"
PGPASSWORD="$password" psql -X -q -At -h 127.0.0.1 -p "$port" -U "$role" -d "$database" \
  -c 'SELECT 1' >/dev/null || { log "cannot log in as $role on 127.0.0.1:$port"; exit 1; }
log "ready: cluster $version/$name on 127.0.0.1:$port, database $database, role $role"

line="export MUNICIPAL_TEST_POSTGRES_DSN='$dsn'"
if [ -n "$env_file" ]; then
  printf '%s\n' "$line" >"$env_file"
fi
printf '%s\n' "$line"
