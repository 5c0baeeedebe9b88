# Sourced by mvnw and the scripts in local/ and .ci/: Ally Ledger is built and run on a JDK 21 or newer.
# Keeps JAVA_HOME when it names one; else takes the java on the PATH if it is one; else the newest JDK >= 21 found in
# the usual install folders. Exits with a message when there is none.
allyledger_jdk_major() {
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}
allyledger_jdk_ok() {
  [ -x "$1/bin/javac" ] && major=$(allyledger_jdk_major "$1") && [ -n "$major" ] && [ "$major" -ge 21 ]
}
if [ -z "${JAVA_HOME-}" ] || ! allyledger_jdk_ok "$JAVA_HOME"; then
  allyledger_found=""
  allyledger_path_java=$(command -v java 2>/dev/null || true)
  if [ -n "$allyledger_path_java" ]; then
    allyledger_path_home=$(dirname "$(dirname "$(readlink -f "$allyledger_path_java")")")
    if allyledger_jdk_ok "$allyledger_path_home"; then
      allyledger_found=$allyledger_path_home
    fi
  fi
  if [ -z "$allyledger_found" ]; then
    allyledger_best=0
    # mvnw runs with globbing off (set -f)
    case $- in *f*) allyledger_noglob=1 ;; *) allyledger_noglob="" ;; esac
    set +f
    for allyledger_candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      if allyledger_jdk_ok "$allyledger_candidate" && [ "$major" -gt "$allyledger_best" ]; then
        allyledger_best=$major
        allyledger_found=$allyledger_candidate
      fi
    done
    if [ -n "$allyledger_noglob" ]; then set -f; fi
  fi
  if [ -z "$allyledger_found" ]; then
    echo "Ally Ledger needs a JDK 21 or newer: install one, or set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME=$allyledger_found
  export JAVA_HOME
fi
