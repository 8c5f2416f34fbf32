# shellcheck shell=bash
# Shell helpers to run servers on loopback for scripts/conformance.sh and bench/run.sh.
# Source it; it defines functions only. Every wait here is bounded in time.

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "free_port: found no free port" >&2
  return 1
}

# start_group LOG DIR CMD [ARGS...]: runs CMD in DIR in a new process group (session), output to LOG.
# Sets STARTED_PID, which is also the group id that stop_group takes.
start_group() {
  local log=$1 dir=$2
  shift 2
  (cd "$dir" && exec setsid "$@" >"$log" 2>&1 </dev/null) &
  STARTED_PID=$!
}

# stop_group PID: SIGTERM to the whole group, SIGKILL after 10 s if anything is left.
stop_group() {
  local pid=$1
  [[ -n $pid ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# wait_http URL CODE TIMEOUT_S PID LOG: waits until GET URL answers CODE. Fails (with the log's tail)
# if PID exits first or TIMEOUT_S passes.
wait_http() {
  local url=$1 code=$2 timeout_s=$3 pid=$4 log=$5
  local deadline=$((SECONDS + timeout_s))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == "$code" ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$url: the server exited before it was ready; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$url: not ready (HTTP $code) after ${timeout_s}s; see $log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# start_berth ROOT LOG DATA_DIR TIMEOUT_S: starts ROOT/berth serve on a free loopback port with
# BERTH_LISTEN and BERTH_DATA_DIR, waits for GET /healthz == 200. Sets BERTH_URL, BERTH_PID and
# BERTH_BASIC_AUTH (user:password of the root key it starts the server with).
start_berth() {
  local root=$1 log=$2 data=$3 timeout_s=$4 port
  if [[ ! -x $root/berth ]]; then
    echo "start_berth: no launcher at $root/berth" >&2
    return 2
  fi
  port=$(free_port) || return 1
  # Fixed root credentials for these throwaway servers, so clients can authenticate (BERTH_BASIC_AUTH).
  export BERTH_ROOT_ACCESS_KEY_ID=${BERTH_ROOT_ACCESS_KEY_ID:-AKIABERTHLOCALROOT}
  export BERTH_ROOT_SECRET_ACCESS_KEY=${BERTH_ROOT_SECRET_ACCESS_KEY:-local-root-secret-not-for-production}
  BERTH_BASIC_AUTH=$BERTH_ROOT_ACCESS_KEY_ID:$BERTH_ROOT_SECRET_ACCESS_KEY
  BERTH_LISTEN=127.0.0.1:$port BERTH_DATA_DIR=$data start_group "$log" "$root" ./berth serve
  BERTH_PID=$STARTED_PID
  BERTH_URL=http://127.0.0.1:$port
  wait_http "$BERTH_URL/healthz" 200 "$timeout_s" "$BERTH_PID" "$log"
}

# start_distribution LOG DIR: Debian's docker-registry on a free loopback port, filesystem storage
# under DIR/data, deletes enabled, access log off. Sets DISTRIBUTION_URL and DISTRIBUTION_PID.
start_distribution() {
  local log=$1 dir=$2 port
  command -v docker-registry >/dev/null || { echo "start_distribution: docker-registry is not installed" >&2; return 2; }
  port=$(free_port) || return 1
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
  start_group "$log" "$dir" docker-registry serve "$dir/config.yml"
  DISTRIBUTION_PID=$STARTED_PID
  DISTRIBUTION_URL=http://127.0.0.1:$port
  wait_http "$DISTRIBUTION_URL/v2/" 200 30 "$DISTRIBUTION_PID" "$log"
}
