#!/usr/bin/env bash
# Runs the OCI distribution-spec conformance suite (all four workflows) against a registry.
#
#   scripts/conformance.sh [REGISTRY_URL]
#
# With no URL (argument or CONFORMANCE_URL), starts `./berth serve` on a free loopback port with a
# temporary data dir and waits for GET /healthz to answer 200. The suite's report (junit.xml,
# report.html) and logs are left in a temporary directory whose path is printed at the end.
# Exit status: 0 when every spec passed, non-zero otherwise. See docs/conformance.md.
#
# Environment:
#   CONFORMANCE_BIN       the built suite (default /work/conformance/conformance.test)
#   CONFORMANCE_URL       registry root URL (same as the argument)
#   CONFORMANCE_TIMEOUT   seconds the suite may run (default 600)
#   BERTH_START_TIMEOUT   seconds to wait for /healthz, including a first build (default 600)
#   OCI_NAMESPACE, OCI_CROSSMOUNT_NAMESPACE, OCI_* passed through to the suite
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${CONFORMANCE_BIN:-/work/conformance/conformance.test}
url=${1:-${CONFORMANCE_URL:-}}
suite_timeout=${CONFORMANCE_TIMEOUT:-600}
start_timeout=${BERTH_START_TIMEOUT:-600}

if [[ ! -x $bin ]]; then
  echo "conformance: no executable suite at $bin (set CONFORMANCE_BIN; docs/conformance.md says how to build it)" >&2
  exit 2
fi
for tool in curl timeout; do
  command -v "$tool" >/dev/null || { echo "conformance: $tool is required" >&2; exit 2; }
done

# shellcheck source=SCRIPTDIR/lib/servers.sh
. "$repo_root/scripts/lib/servers.sh"

out=$(mktemp -d "${TMPDIR:-/tmp}/berth-conformance.XXXXXX")
BERTH_PID=
server_data=
cleanup() {
  stop_group "$BERTH_PID"
  [[ -z $server_data ]] || rm -rf "$server_data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z $url ]]; then
  server_data=$(mktemp -d "${TMPDIR:-/tmp}/berth-conformance-data.XXXXXX")
  echo "conformance: starting ./berth serve (data $server_data, log $out/server.log)"
  start_berth "$repo_root" "$out/server.log" "$server_data" "$start_timeout" || exit $?
  url=$BERTH_URL
  export OCI_USERNAME=${BERTH_BASIC_AUTH%%:*} OCI_PASSWORD=${BERTH_BASIC_AUTH#*:}
fi
url=${url%/}

echo "conformance: suite $bin against $url"
status=0
(
  cd "$out"
  export OCI_ROOT_URL=$url
  export OCI_NAMESPACE=${OCI_NAMESPACE:-myorg/myrepo}
  export OCI_CROSSMOUNT_NAMESPACE=${OCI_CROSSMOUNT_NAMESPACE:-myorg/other}
  export OCI_TEST_PULL=1 OCI_TEST_PUSH=1 OCI_TEST_CONTENT_DISCOVERY=1 OCI_TEST_CONTENT_MANAGEMENT=1
  export OCI_HIDE_SKIPPED_WORKFLOWS=${OCI_HIDE_SKIPPED_WORKFLOWS:-0}
  # Berth does not mount without `from` (the spec leaves it optional), so run the suite's check of the 202 fallback.
  export OCI_AUTOMATIC_CROSSMOUNT=${OCI_AUTOMATIC_CROSSMOUNT:-false}
  export OCI_DEBUG=${OCI_DEBUG:-0}
  export OCI_REPORT_DIR=$out
  exec timeout --kill-after=10 "$suite_timeout" "$bin" -test.v -ginkgo.no-color
) >"$out/suite.log" 2>&1 || status=$?

# The suite prints one summary line, e.g. "FAIL! -- 62 Passed | 12 Failed | 0 Pending | 5 Skipped".
summary=$(grep -E '[0-9]+ Passed \| [0-9]+ Failed' "$out/suite.log" | tail -n 1 || true)
if [[ -n $summary ]]; then
  passed=$(sed -E 's/.* ([0-9]+) Passed.*/\1/' <<<"$summary")
  failed=$(sed -E 's/.* ([0-9]+) Failed.*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.* ([0-9]+) Skipped.*/\1/' <<<"$summary")
  echo "conformance: $passed passed, $failed failed, $skipped skipped"
  grep -E '^ *\[FAIL\]' "$out/suite.log" | sed 's/^ */  /' || true
else
  echo "conformance: the suite printed no summary (exit $status); see $out/suite.log" >&2
  ((status != 0)) || status=1
fi
if ((status == 124 || status == 137)); then
  echo "conformance: the suite did not finish within ${suite_timeout}s" >&2
fi
echo "conformance: report in $out (junit.xml, report.html, suite.log)"
exit "$status"
