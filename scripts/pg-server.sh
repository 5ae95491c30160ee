# Sourced by scripts/test.sh and bench/data.sh: a throw-away PostgreSQL 15 server for tests and benchmarks.
#   pg_server_start   installs postgresql-15 when initdb is missing (Debian, as root), runs initdb in a temp
#                     dir (as the postgres user when root: PostgreSQL refuses to run as root), starts it on a
#                     free 127.0.0.1 port, creates a user with a random password and a database, and exports
#                     BATON_TEST_PG=postgresql://baton:PASSWORD@127.0.0.1:PORT/baton_test
#   pg_server_stop    stops it (immediate) and deletes the dir; safe to call twice (use it in a trap)

pg_server_bin() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  return 1
}

pg_server_as() {  # run a command as the server's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_server_start() {
  local bin
  if ! bin=$(pg_server_bin); then
    echo "pg-server: initdb not found; installing postgresql-15" >&2
    if [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2 || return 1
    else
      echo "pg-server: not root, cannot install postgresql-15" >&2; return 1
    fi
    bin=$(pg_server_bin) || return 1
  fi
  PG_SERVER_DIR=$(mktemp -d /tmp/baton-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_SERVER_DIR"
  local port password
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password="bp$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
  pg_server_as "$bin/initdb" -D "$PG_SERVER_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --no-locale >"$PG_SERVER_DIR/initdb.log" 2>&1 || { cat "$PG_SERVER_DIR/initdb.log" >&2; return 1; }
  pg_server_as "$bin/pg_ctl" -D "$PG_SERVER_DIR/data" -l "$PG_SERVER_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_SERVER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$PG_SERVER_DIR/server.log" >&2; return 1; }
  PG_SERVER_BIN=$bin
  pg_server_as "$bin/psql" -q -h "$PG_SERVER_DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE baton LOGIN PASSWORD '$password'" -c "CREATE DATABASE baton_test OWNER baton" >/dev/null || return 1
  export BATON_TEST_PG="postgresql://baton:$password@127.0.0.1:$port/baton_test"
  echo "pg-server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_SERVER_DIR)" >&2
}

pg_server_stop() {
  if [ -n "${PG_SERVER_DIR:-}" ] && [ -d "$PG_SERVER_DIR" ]; then
    pg_server_as "$PG_SERVER_BIN/pg_ctl" -D "$PG_SERVER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_SERVER_DIR"
  fi
  PG_SERVER_DIR=
}
