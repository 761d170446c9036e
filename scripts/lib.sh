# Shared shell helpers, sourced by scripts/test, scripts/dev-gerrit and .ci/run.
# shellcheck shell=bash

# Gerrit 3.11 to 3.13's classes are Java 21 class files and the build (and
# google-java-format) needs a JDK 21 or newer. The machine's default JDK may be
# older, so pick one that fits. Gerrit 3.10 is Java 17: bpg_java_home_for.
BPG_MIN_JAVA=21

# Prints the major version of the JDK at $1 (e.g. 25), or nothing.
bpg_java_major() {
  local home=$1 v
  [ -x "$home/bin/java" ] || return 0
  v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  case $v in
    1.*) v=${v#1.}; echo "${v%%.*}" ;;
    *) v=${v%%[.+-]*}; echo "$v" ;;
  esac
}

# Exports JAVA_HOME (and puts it first on PATH): an already set JAVA_HOME if it
# is a JDK >= $BPG_MIN_JAVA, else the newest such JDK under /usr/lib/jvm.
bpg_find_java_home() {
  local major best="" best_major=0 d
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(bpg_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$BPG_MIN_JAVA" ]; then
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  fi
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    major=$(bpg_java_major "$d")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$BPG_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
      best=$d best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK >= $BPG_MIN_JAVA found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
    echo "       Gerrit 3.13 needs Java $BPG_MIN_JAVA or newer: install one and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best PATH="$best/bin:$PATH"
}

# Prints a JDK 17's home for Gerrit 3.10 (JAVA17_HOME, else the first 17 under
# /usr/lib/jvm), or nothing: 3.10 sites may run Java 17, so its build is tested there.
bpg_java17_home() {
  local d
  if [ -n "${JAVA17_HOME:-}" ]; then
    echo "$JAVA17_HOME"
    return
  fi
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    if [ "$(bpg_java_major "$d")" = 17 ]; then
      echo "$d"
      return
    fi
  done
}

# Exports JAVA_HOME for Gerrit series $1 (e.g. 3.10): a JDK 17 for 3.10 when
# there is one, else what bpg_find_java_home picks.
bpg_java_home_for() {
  local j17
  if [ "$1" = 3.10 ]; then
    j17=$(bpg_java17_home)
    if [ -n "$j17" ]; then
      export JAVA_HOME=$j17 PATH="$j17/bin:$PATH"
      return 0
    fi
  fi
  bpg_find_java_home
}

# Prints pom.xml's gerrit.version (its first one: the profiles come after the
# default properties): the release scripts/test builds and tests against.
bpg_default_gerrit_version() {
  sed -n 's:.*<gerrit.version>\(.*\)</gerrit.version>.*:\1:p' pom.xml | head -n1
}

# Removes target/ when it holds a plugin jar built for another Gerrit release
# than $1 (its manifest's Gerrit-ApiVersion): Maven's incremental build would
# otherwise keep class files compiled against the other release's API.
bpg_clean_other_release() {
  local jar
  for jar in target/backport-guard-gerrit-*.jar; do
    [ -f "$jar" ] || continue
    if ! python3 -c '
import sys, zipfile
m = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode()
sys.exit(0 if ("Gerrit-ApiVersion: " + sys.argv[2]) in m.splitlines() else 1)
' "$jar" "$1"; then
      echo "[lib] target/ holds $jar, built for another Gerrit release than $1: removing target/" >&2
      rm -rf target
      return 0
    fi
  done
}

# The browser test (page/PrerequisitesPageIT) drives Debian's headless Chromium: as root with
# apt-get, install it when missing; otherwise say how, and fail (the test would fail too).
bpg_ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && return 0
  local packages="chromium chromium-driver"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[lib] the browser test needs Chromium; installing: apt-get install -y --no-install-recommends $packages" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages; } >&2 ||
      { echo "[lib] apt-get could not install $packages" >&2; exit 1; }
    return 0
  fi
  echo "[lib] error: the browser test needs Chromium and its driver (chromium, chromedriver)" >&2
  echo "[lib] install them with: sudo apt-get install -y --no-install-recommends $packages" >&2
  exit 1
}
