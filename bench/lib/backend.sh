#!/usr/bin/env bash
# Sourced by the benchmarks: runs the real backend (packages/backend) on a
# fresh SQLite or PostgreSQL database with a static token for the load client,
# without the demo fleet (which is on by default in packages/backend and would
# add its own load and incidents to what is measured).
#
#   start_bench_backend sqlite|postgres PORT PG_PORT EXTRA_YAML
# sets BENCH_WORK (a temporary folder), BENCH_TOKEN, BENCH_URL, BENCH_PG (for
# postgres) and waits until the backend is ready; stop_bench_backend ends it.

source "$CLOUDOPS_ROOT/scripts/lib/postgres.sh"

start_bench_backend() {
  local db="$1" port="$2" pg_port="$3" extra="${4:-}" database
  BENCH_WORK="$(mktemp -d /tmp/cloudops-bench.XXXXXX)"
  BENCH_TOKEN="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  BENCH_URL="http://localhost:$port"
  if [[ "$db" == postgres ]]; then
    CLOUDOPS_PG_PORT="$pg_port" start_test_postgres
    BENCH_PG="postgresql://postgres@127.0.0.1:$pg_port"
    database="client: pg
    connection: '$BENCH_PG'"
  else
    database="client: better-sqlite3
    connection:
      directory: '$BENCH_WORK/sqlite'"
  fi
  cat >"$BENCH_WORK/app-config.bench.yaml" <<YAML
backend:
  baseUrl: $BENCH_URL
  listen: { port: $port }
  database:
    $database
  auth:
    externalAccess:
      - type: static
        options: { token: $BENCH_TOKEN, subject: bench-client }
$extra
YAML
  cat >"$BENCH_WORK/app-config.no-demo.yaml" <<YAML
cloudops:
  demo:
    enabled: false
YAML
  setsid bash -c "cd '$CLOUDOPS_ROOT/packages/backend' && exec yarn start --config ../../app-config.yaml --config '$BENCH_WORK/app-config.bench.yaml' --config '$BENCH_WORK/app-config.no-demo.yaml'" \
    >"$BENCH_WORK/backend.log" 2>&1 &
  BENCH_BACKEND_PID=$!
  wait_for_url "$BENCH_URL/.backstage/health/v1/readiness" || {
    tail -30 "$BENCH_WORK/backend.log" >&2
    return 1
  }
}

stop_bench_backend() {
  [[ -n "${BENCH_BACKEND_PID:-}" ]] && kill -- "-$BENCH_BACKEND_PID" 2>/dev/null
  BENCH_BACKEND_PID=""
  stop_test_postgres
  [[ -n "${BENCH_WORK:-}" ]] && rm -rf "$BENCH_WORK"
  return 0
}

wait_for_url() {
  local url="$1" deadline=$((SECONDS + 300))
  until curl -sf -o /dev/null "$url"; do
    ((SECONDS < deadline)) || { echo "timed out waiting for $url" >&2; return 1; }
    sleep 1
  done
}

# Median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
