# Shared by run.sh and compare-baselines.sh (sourced): finds a JDK >= 25 and (re)builds benchmarks.jar.
# Sets JDK and jar; needs $here (this folder) and $root (the repository).

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

JDK="$(find_jdk)" || { echo "$(basename "$0"): no JDK 25 or newer found (set PAT_JAVA_HOME or JAVA_HOME to one)" >&2; exit 1; }
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
  echo "$(basename "$0"): building benchmarks.jar (mvn package -DskipTests) ..." >&2
  command -v mvn >/dev/null 2>&1 || { echo "$(basename "$0"): Maven (mvn) is needed to build; install it (e.g. apt-get install maven)" >&2; exit 1; }
  (cd "$root" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl jmh-benchmarks -am package) >&2
fi

