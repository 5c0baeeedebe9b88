#!/usr/bin/env bash
# Prints actions logged per second against one commitment-service: sequential, then with N concurrent clients.
# Usage: local/bench-throughput.sh [actions-per-run, default 1000] [clients, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dallyledger.home="$PWD" \
  -cp "local/target/classes:local/target/lib/*" org.allyledger.local.CommandThroughputBenchmark "$@"
