#!/usr/bin/env bash
# The benchmark: each figure beside a raw baseline measured in the same run (pgbench, a plain Kafka consumer with batched
# upserts, the JDK's bare HTTP server), with the ratio; min and median over runs, each on fresh systems.
# Usage: local/bench.sh [runs, default 3] [people, default 2000] [more people, default 20000]
#        BENCH_ONLY=startup|commands|reporting local/bench.sh ... runs a part
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
. .mvn/jdk.sh
exec "$JAVA_HOME/bin/java" -Dbench.only="${BENCH_ONLY:-}" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dallyledger.home="$PWD" \
  -cp "local/target/classes:local/target/lib/*" org.allyledger.local.Benchmark "$@"
