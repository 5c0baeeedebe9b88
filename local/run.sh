#!/usr/bin/env bash
# Builds Ally Ledger and starts it locally: embedded PostgreSQL and Kafka plus the three services, data in .allyledger/.
# Ctrl-C stops everything. Pass --no-build to start what was built last.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--no-build" ]]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dallyledger.home="$PWD" \
  -cp "local/target/classes:local/target/lib/*" org.allyledger.local.LocalLauncher
