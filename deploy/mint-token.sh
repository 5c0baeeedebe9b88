#!/usr/bin/env bash
# Prints a bearer token for the local system: mint-token.sh <subject> <employee|hr-system|program-admin|analyst> [hours]
# Signed with the development key in .allyledger/dev-keys/ (generated on first use, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f deploy/target/launcher.classpath ]]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -cp "deploy/target/classes:$(cat deploy/target/launcher.classpath)" org.allyledger.deploy.DevTokenMinter "$@"
