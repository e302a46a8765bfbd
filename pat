#!/usr/bin/env bash
# Launcher for the pat command line: finds a JDK >= 25, builds the engine jar when it is missing or
# older than the sources, and runs it with the JVM flags the Vector API and JOCL need.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

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

JDK="$(find_jdk)" || { echo "pat: no JDK 25 or newer found (set PAT_JAVA_HOME or JAVA_HOME to one)" >&2; exit 1; }
jar="$here/engine/target/pat-engine.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here/pom.xml" "$here/kernels" "$here/native-sim" "$here/engine" \
      \( -path '*/target' -prune \) -o -type f -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "pat: building (mvn package -DskipTests) ..." >&2
  command -v mvn >/dev/null 2>&1 || { echo "pat: Maven (mvn) is needed to build; install it (e.g. apt-get install maven)" >&2; exit 1; }
  (cd "$here" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl engine -am package) >&2
fi

# A progress bar only where standard error is a terminal: in a log it is hundreds of frames.
if [ -t 2 ]; then progress=bar; else progress=none; fi

# The CompileCommands are SimdMath.JIT_QUIET and JIT_INLINE: C2 inlines the SIMD sine at every call site.
exec "$JDK/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dpat.home="$here" -Dpat.progress="$progress" \
  -XX:CompileCommand=quiet '-XX:CompileCommand=inline,org.patengine.kernels.simd.SimdMath::*' \
  -XX:+UseParallelGC ${PAT_JAVA_OPTS:-} -jar "$jar" "$@"
