# Shared shell helpers, sourced by scripts/test, scripts/dev-gerrit and .ci/run.
# shellcheck shell=bash

# Gerrit 3.13's classes are Java 21 class files; the plugin is compiled with
# --release 21. The machine's default JDK may be older, so pick one that fits.
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
