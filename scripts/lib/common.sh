# Shared by the scripts in scripts/: finding a JDK >= 22, building the jar, running Maven quietly.
# Source it; it defines functions only.

STITCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STITCH_MIN_JDK=22

# The major version of the JDK at $1, from its 'release' file (0 if it has none).
jdk_major() {
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" 2>/dev/null)
  version=${version#1.}
  echo "${version%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

# Prints the home of a JDK >= 22: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(jdk_major "$JAVA_HOME")" -ge "$STITCH_MIN_JDK" ]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    major=$(jdk_major "$dir")
    if [ "$major" -ge "$STITCH_MIN_JDK" ] && [ "$major" -gt "$best_major" ]; then
      best=$dir best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "error: Stitch needs a JDK $STITCH_MIN_JDK or newer, and none was found."
      [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is Java $(jdk_major "$JAVA_HOME")."
      echo "  Looked in JAVA_HOME and /usr/lib/jvm/*. Install one (for example Temurin 25) and run:"
      echo "  export JAVA_HOME=/path/to/jdk"
    } >&2
    return 1
  fi
  echo "$best"
}

# Runs Maven with $JAVA_HOME; on JDK 24+ keeps Maven's own Unsafe warnings out of the output.
run_maven() {
  local opts=${MAVEN_OPTS:-}
  if [ "$(jdk_major "$JAVA_HOME")" -ge 24 ]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  MAVEN_OPTS=$opts mvn -B -Dstyle.color=never "$@"
}

# ensure_built JAR SOURCE_DIR... -- MAVEN_ARGS...: runs 'mvn package' with MAVEN_ARGS (tests
# skipped) if JAR is missing or older than pom.xml or any file under the source folders.
ensure_built() {
  local jar=$1 sources=("$STITCH_ROOT/pom.xml")
  shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    sources+=("$STITCH_ROOT/$1")
    shift
  done
  shift
  if [ -f "$jar" ] && [ -z "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]; then
    return
  fi
  echo "stitch: building $jar ..." >&2
  # Debian's Maven 3.8 prints stray colour resets even with -q; keep them off the terminal.
  (cd "$STITCH_ROOT" && run_maven -q -DskipTests "$@" package 2>&1 | sed $'s/\e\\[0m//g') >&2
}
