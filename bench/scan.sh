#!/usr/bin/env bash
# The scanning benchmark (issue 6): generates a ~1 GiB, 50,000-file image in gzip layers and times
# ImageScanner on it. Not part of `mvn verify`. Usage: bench/scan.sh [runs]   (default 3, plus one warm-up)
# Environment: BENCH_SCAN_GIB (image size, default 1), BENCH_SCAN_DIR (where layers are written, default a
# temporary directory; needs ~0.7 GiB free per GiB), JAVA (a java >= 21), BENCH_SCAN_HEAP (default 512m).
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}

# shellcheck source=SCRIPTDIR/../scripts/lib/java.sh
. "$repo_root/scripts/lib/java.sh"
java_bin=$(find_java) || { echo "bench: needs a JDK >= 21 (set JAVA or JAVA_HOME)" >&2; exit 2; }

cd "$repo_root"
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
# One reactor run, so that berth-oci resolves to its classes; berth-scan is built last and writes the file last.
mvn -B -q test-compile dependency:build-classpath -pl berth-scan -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
classpath="berth-scan/target/test-classes:berth-scan/target/classes:$(cat "$classpath_file")"

if [[ -n ${BENCH_SCAN_DIR:-} ]]; then
  work=$BENCH_SCAN_DIR
else
  work=$(mktemp -d)
  trap 'rm -f "$classpath_file"; rm -rf "$work"' EXIT
fi
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $("$java_bin" -version 2>&1 | head -1)"
# The heap is kept small on purpose: scanning must not need memory in proportion to the image.
"$java_bin" -Xmx"${BENCH_SCAN_HEAP:-512m}" --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  dev.berth.scan.bench.ScanBenchmark "$work/scan-bench" "$runs"
