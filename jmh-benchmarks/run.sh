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

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

find_jdk() {
  local cands=()
  [ -n "${PAT_JAVA_HOME:-}" ] && cands+=("$PAT_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$d" ] && cands+=("$d"); done
  if command -v java >/dev/null 2>&1; then
    cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local d
  for d in "${cands[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      local v; v=$(java_major "$d")
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$d"; return 0; fi
    fi
  done
  return 1
}

JDK="$(find_jdk)" || { echo "run.sh: no JDK 25 or newer found (set PAT_JAVA_HOME or JAVA_HOME to one)" >&2; exit 1; }
jar="$here/target/benchmarks.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  local m srcs=("$root/pom.xml")
  for m in kernels native-sim engine jmh-benchmarks; do
    [ -e "$root/$m/pom.xml" ] && srcs+=("$root/$m/pom.xml")
    [ -d "$root/$m/src" ] && srcs+=("$root/$m/src")
  done
  [ -n "$(find "${srcs[@]}" -type f -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "run.sh: building benchmarks.jar (mvn package -DskipTests) ..." >&2
  command -v mvn >/dev/null 2>&1 || { echo "run.sh: Maven (mvn) is needed to build; install it (e.g. apt-get install maven)" >&2; exit 1; }
  (cd "$root" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl jmh-benchmarks -am package) >&2
fi

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
