#!/usr/bin/env bash
# Prints the live projections' catch-up rate, each report's latency and each projection's rebuild rate at volume.
# Usage: local/bench-reporting.sh [people, default 2000] (about 6 events a person)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dallyledger.home="$PWD" \
  -cp "local/target/classes:local/target/lib/*" org.allyledger.local.ReportingBenchmark "$@"
