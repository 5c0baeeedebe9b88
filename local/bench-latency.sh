#!/usr/bin/env bash
# Prints the PUT -> read model latency (median of N, default 20) on a fresh system started beside any running one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dallyledger.home="$PWD" \
  -cp "local/target/classes:local/target/lib/*" org.allyledger.local.PipelineLatencyBenchmark "$@"
