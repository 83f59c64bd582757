#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a throw-away PostgreSQL on 127.0.0.1 from the
# machine's Debian packages and hands it to Backstage's TestDatabases, so store
# tests run on SQLite and on a real PostgreSQL. Without PostgreSQL binaries the
# PostgreSQL cases are skipped (and the script says so).

CLOUDOPS_PG_PORT="${CLOUDOPS_PG_PORT:-54329}"

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

# Runs a command as the postgres user when we are root (initdb refuses root).
as_pg_user() {
  if [[ "$(id -u)" == "0" ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

start_test_postgres() {
  local bindir data
  if ! bindir="$(pg_bindir)"; then
    echo "[cloudops] PostgreSQL is not installed: PostgreSQL store tests will be skipped (apt-get install postgresql)" >&2
    return 0
  fi
  data="$(mktemp -d /tmp/cloudops-pg.XXXXXX)"
  [[ "$(id -u)" == "0" ]] && chown postgres: "$data"
  as_pg_user "$bindir/initdb" -D "$data/db" -A trust -U postgres >/dev/null
  as_pg_user "$bindir/pg_ctl" -D "$data/db" -l "$data/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $CLOUDOPS_PG_PORT -k $data -c fsync=off" start >/dev/null
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$CLOUDOPS_PG_PORT"
  CLOUDOPS_PG_STOP=("$bindir/pg_ctl" -D "$data/db" -m immediate stop)
  CLOUDOPS_PG_DATA="$data"
  echo "[cloudops] PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for tests on 127.0.0.1:$CLOUDOPS_PG_PORT" >&2
}

stop_test_postgres() {
  if [[ -n "${CLOUDOPS_PG_DATA:-}" ]]; then
    as_pg_user "${CLOUDOPS_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$CLOUDOPS_PG_DATA"
  fi
}
