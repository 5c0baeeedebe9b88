#!/usr/bin/env bash
# Prints bearer tokens for the local system: mint-token.sh <subject> <employee|hr-system|program-admin|analyst> [hours],
# or a token a line for many in one call: mint-token.sh [--hours N] <subject>:<role> [<subject>:<role> ...]
# Signed with the development key in .allyledger/dev-keys/ (generated on first use, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d local/target/lib ]]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -cp "local/target/classes:local/target/lib/*" org.allyledger.local.DevTokenMinter "$@"
