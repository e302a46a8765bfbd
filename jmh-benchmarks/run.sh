#!/usr/bin/env bash
# Runs JMH benchmarks from the shaded benchmarks.jar and prints the Markdown report.
#
#   jmh-benchmarks/run.sh [REGEX] [JMH options...]     run, write JSON, print the report
#   jmh-benchmarks/run.sh --report RESULT.json          only print the report of an earlier run
#
# REGEX (default 'GemmBenchmark') selects benchmarks; PeakFlopsBenchmark is always added, so every
# run measures the FMA peak its GFLOP/s are compared with in the same JMH invocation. The JSON goes to $JMH_RESULT (default jmh-benchmarks/target/jmh-result.json), the
# report beside it (.md). Finds a JDK >= 25 like ./pat does and (re)builds the jar with Maven when
# it is missing or older than the sources.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

. "$here/lib.sh"

report() { "$JDK/bin/java" -cp "$jar" org.patengine.bench.JmhReport "$1" --out "${1%.json}.md"; }

if [ "${1:-}" = "--report" ]; then
  [ $# -eq 2 ] || { echo "usage: run.sh --report RESULT.json" >&2; exit 2; }
  report "$2"
  exit 0
fi

regex='GemmBenchmark'
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  regex="$1"
  shift
fi
result="${JMH_RESULT:-$here/target/jmh-result.json}"
mkdir -p "$(dirname "$result")"

echo "run.sh: load before: $(cat /proc/loadavg 2>/dev/null || uptime)" >&2
"$JDK/bin/java" --add-modules jdk.incubator.vector -jar "$jar" "$regex" PeakFlopsBenchmark -rf json -rff "$result" "$@"
echo "run.sh: load after: $(cat /proc/loadavg 2>/dev/null || uptime)" >&2
echo
report "$result"
echo
echo "run.sh: JSON $result, report ${result%.json}.md" >&2
