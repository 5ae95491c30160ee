# Sourced by scripts/test.sh and bench scripts: a throw-away redis-server for tests and benchmarks.
#   redis_server_start   installs redis-server when missing (Debian, as root), starts it on a free 127.0.0.1 port in a
#                        temp dir (append-only file, fsync always, so a restart keeps the streams) and exports
#                        BATON_TEST_REDIS=redis://127.0.0.1:PORT and BATON_TEST_REDIS_SERVER=/path/to/redis-server
#                        (tests that restart a server start their own with it)
#   redis_server_stop    stops it and deletes the dir; safe to call twice (use it in a trap)

redis_server_start() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis-server: not found; installing redis-server" >&2
    if [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2 || return 1
    else
      echo "redis-server: not root, cannot install redis-server" >&2; return 1
    fi
  fi
  REDIS_SERVER_DIR=$(mktemp -d /tmp/baton-redis.XXXXXX)
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --dir "$REDIS_SERVER_DIR" --appendonly yes --appendfsync always --databases 64 \
    --save "" --daemonize yes --pidfile "$REDIS_SERVER_DIR/redis.pid" --logfile "$REDIS_SERVER_DIR/redis.log" \
    || { cat "$REDIS_SERVER_DIR/redis.log" >&2; return 1; }
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" ping >/dev/null 2>&1 || { cat "$REDIS_SERVER_DIR/redis.log" >&2; return 1; }
  export BATON_TEST_REDIS="redis://127.0.0.1:$port"
  BATON_TEST_REDIS_SERVER=$(command -v redis-server)
  export BATON_TEST_REDIS_SERVER
  echo "redis-server: $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$port (data in $REDIS_SERVER_DIR)" >&2
}

redis_server_stop() {
  if [ -n "${REDIS_SERVER_DIR:-}" ] && [ -d "$REDIS_SERVER_DIR" ]; then
    [ -f "$REDIS_SERVER_DIR/redis.pid" ] && kill "$(cat "$REDIS_SERVER_DIR/redis.pid")" 2>/dev/null
    sleep 0.2
    rm -rf "$REDIS_SERVER_DIR"
  fi
  REDIS_SERVER_DIR=
}
