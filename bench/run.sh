#!/usr/bin/env bash
# Berth's benchmark: Berth, Debian's docker-registry (CNCF distribution 2.8.2, the reference) and nginx
# (static files with sendfile, the pull ceiling) side by side on loopback, plus one core's SHA-256 speed
# (the push ceiling). Writes results.tsv and report.md to a directory it prints. See bench/README.md.
#
#   bench/run.sh                                   # full run, about 10-15 minutes on 2 cores
#   BENCH_QUICK=1 bench/run.sh                     # smoke run, about a minute
#   BENCH_TARGETS=distribution,nginx bench/run.sh  # without Berth
#
# Environment: BENCH_TARGETS (default berth,distribution,nginx), BENCH_QUICK=1, BENCH_OUT (results dir,
# default a new temp dir), BENCH_KEEP=1 (keep the servers' data and the test files), BERTH_START_TIMEOUT
# (seconds for ./berth serve to answer /healthz, default 600, a first build included), JAVA (a java >= 21).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/../scripts/lib/servers.sh
. "$repo_root/scripts/lib/servers.sh"
# shellcheck source=SCRIPTDIR/../scripts/lib/java.sh
. "$repo_root/scripts/lib/java.sh"

targets=,${BENCH_TARGETS:-berth,distribution,nginx},
quick=${BENCH_QUICK:-0}
[[ $quick == 1 ]] || quick=0
wants() { [[ $targets == *,$1,* ]]; }
for t in ${targets//,/ }; do
  case $t in berth | distribution | nginx) ;; *) echo "bench: unknown target '$t' in BENCH_TARGETS" >&2; exit 2 ;; esac
done

java_bin=$(find_java) || { echo "bench: needs a JDK >= 21 (set JAVA or JAVA_HOME)" >&2; exit 2; }

need=(curl openssl sha256sum timeout setsid)
wants distribution && need+=(docker-registry)
wants nginx && need+=(nginx)
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (Debian: see bench/README.md)" >&2; exit 2; }
done
if wants berth && [[ ! -x $repo_root/berth ]]; then
  echo "bench: Berth is in BENCH_TARGETS but $repo_root/berth does not exist;" >&2
  echo "       run BENCH_TARGETS=distribution,nginx bench/run.sh to measure only the reference and the ceiling" >&2
  exit 2
fi

out=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/berth-bench.XXXXXX")}
mkdir -p "$out"
: >"$out/results.tsv"
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-bench-work.XXXXXX")
chmod 755 "$work" # nginx's workers run as another user when started by root
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_group "$pid"; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "bench: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((quick)); then
  sizes=(1048576 67108864)
  load_timeout=300
  hash_seconds=1
else
  sizes=(1048576 67108864 536870912)
  load_timeout=960
  hash_seconds=3
fi
started=$SECONDS

meta() { printf '%s\t%s\n' "$1" "$2" >>"$out/meta.tsv"; }
: >"$out/meta.tsv"
meta "date" "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta "run" "$( ((quick)) && echo "quick (BENCH_QUICK=1)" || echo full), targets ${targets:1:-1}"
meta "machine" "$(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
meta "java (load generator)" "$("$java_bin" -version 2>&1 | head -1)"
wants distribution && meta "distribution" "$(docker-registry --version 2>&1 | head -1)"
wants nginx && meta "nginx" "$(nginx -v 2>&1 | head -1)"
meta "load average at start" "$(cut -d' ' -f1-3 /proc/loadavg)"
if awk '{exit !($1 > 0.5)}' /proc/loadavg; then
  echo "bench: warning: load average $(cut -d' ' -f1 /proc/loadavg) before the run; other work will skew the wall-clock figures" >&2
fi

echo "bench: results in $out"
echo "bench: test files ${sizes[*]} bytes"
mkdir -p "$work/data" "$work/static"
chmod 755 "$work/data" "$work/static"
for size in "${sizes[@]}"; do
  head -c "$size" /dev/urandom >"$work/data/base-$size.bin"
done
chmod 644 "$work/data/"*.bin
largest=$work/data/base-${sizes[-1]}.bin

echo "bench: SHA-256 ceilings (one core)"
# All three are per CPU-second, so that other work on the machine does not lower them. openssl speed divides
# by user CPU time and reports thousands of bytes per second; like the JDK's SHA-256 intrinsic it uses the
# CPU's SHA extensions where present, so it is the push ceiling. coreutils' sha256sum does not (shown only).
openssl_k=$(openssl speed -evp sha256 -bytes 1048576 -seconds "$hash_seconds" 2>/dev/null |
  awk '$1 == "sha256" {sub(/k$/, "", $2); print $2}' | tail -1)
[[ -n $openssl_k ]] || { echo "bench: could not read openssl speed's output" >&2; exit 1; }
printf 'ceiling\tSHA-256, 1 core\topenssl\t0\t0\t%s\t%s\tMB/s\tNaN\tNaN\tNaN\t\topenssl speed -evp sha256 -bytes 1048576 (%s), per CPU-second\n' \
  "$hash_seconds" "$(awk -v k="$openssl_k" 'BEGIN {printf "%.1f", k / 1000}')" "$(openssl version | cut -d' ' -f1-2)" \
  >>"$out/results.tsv"
cat "$largest" >/dev/null
sha_cpu=$( (TIMEFORMAT='%U %S'; time sha256sum "$largest" >/dev/null) 2>&1 | awk '{print $1 + $2}')
printf 'ceiling\tSHA-256, 1 core\tsha256sum\t0\t0\t%s\t%s\tMB/s\tNaN\tNaN\tNaN\t\tsha256sum of a %s-byte file in page cache (coreutils, no SHA extensions), per CPU-second\n' \
  "$sha_cpu" "$(awk -v c="$sha_cpu" -v n="${sizes[-1]}" 'BEGIN {printf "%.1f", (c > 0) ? n / 1e6 / c : 0}')" "${sizes[-1]}" \
  >>"$out/results.tsv"
"$java_bin" "$repo_root/bench/Load.java" sha256 --seconds "$hash_seconds" --out "$out/results.tsv"

registries=()
statics=()
pgids=()
if wants distribution; then
  mkdir -p "$work/distribution"
  start_distribution "$out/distribution.log" "$work/distribution"
  pids+=("$DISTRIBUTION_PID")
  registries+=("distribution=$DISTRIBUTION_URL")
  pgids+=("distribution=$DISTRIBUTION_PID")
  echo "bench: distribution on $DISTRIBUTION_URL"
fi
if wants nginx; then
  port=$(free_port)
  mkdir -p "$work/nginx/tmp"
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $out/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  types { }
  default_type application/octet-stream;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $work/static;
  }
}
EOF
  start_group "$out/nginx.log" "$work/nginx" nginx -e "$out/nginx.log" -p "$work/nginx" -c "$work/nginx/nginx.conf"
  pids+=("$STARTED_PID")
  echo ok >"$work/static/healthz"
  wait_http "http://127.0.0.1:$port/healthz" 200 15 "$STARTED_PID" "$out/nginx.log"
  statics+=("nginx=http://127.0.0.1:$port")
  pgids+=("nginx=$STARTED_PID")
  echo "bench: nginx on http://127.0.0.1:$port"
fi
if wants berth; then
  mkdir -p "$work/berth"
  echo "bench: starting ./berth serve (log $out/berth.log)"
  start_berth "$repo_root" "$out/berth.log" "$work/berth" "${BERTH_START_TIMEOUT:-600}"
  pids+=("$BERTH_PID")
  registries=("berth=$BERTH_URL" "${registries[@]}")
  pgids+=("berth=$BERTH_PID")
  meta "berth" "$(git -C "$repo_root" describe --always --dirty 2>/dev/null || echo unknown)"
  echo "bench: berth on $BERTH_URL (every request authenticated with the root key, HTTP Basic)"
  export BENCH_BASIC_AUTH=$BERTH_BASIC_AUTH
else
  echo "bench: Berth skipped (BENCH_TARGETS=${targets:1:-1})"
fi

join() { local IFS=,; echo "$*"; }
args=(run --data "$work/data" --sizes "$(join "${sizes[@]}")" --out "$out/results.tsv"
  --pgids "$(join "${pgids[@]}")" --clk-tck "$(getconf CLK_TCK)")
((${#registries[@]})) && args+=(--registries "$(join "${registries[@]}")")
((${#statics[@]})) && args+=(--static "$(join "${statics[@]}")" --static-root "$work/static")
((quick)) && args+=(--quick)
status=0
timeout --kill-after=10 "$load_timeout" "$java_bin" "$repo_root/bench/Load.java" "${args[@]}" || status=$?

meta "load average at end" "$(cut -d' ' -f1-3 /proc/loadavg)"
meta "duration" "$((SECONDS - started)) s"
"$java_bin" "$repo_root/bench/Report.java" --results "$out/results.tsv" --meta "$out/meta.tsv" >"$out/report.md"
cat "$out/report.md"
echo
if ((status != 0)); then
  echo "bench: the load generator failed (exit $status); the report holds what was measured" >&2
fi
if awk -F'\t' '$5 > 0 {bad = 1} END {exit !bad}' "$out/results.tsv"; then
  echo "bench: some requests failed (errors column); see $out/report.md" >&2
  ((status != 0)) || status=1
fi
echo "bench: report $out/report.md (raw rows $out/results.tsv), $((SECONDS - started)) s"
exit "$status"
