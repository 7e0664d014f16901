#!/usr/bin/env bash
# Runs every benchmark workload, every client in the same run, and writes
# benchmarks/target/bench/results.md (table + targets). See BENCHMARKS.md.
# Usage: benchmarks/run-benchmarks.sh [--quick] [--only throughput,latency,connect,cold-connect,idle,encode,spring] [--clients ours,...] [--contenders bare-client,...]
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in mosquitto:/usr/sbin/mosquitto openssl:openssl java:java mvn:mvn; do
  name=${tool%%:*}; path=${tool#*:}
  if ! command -v "$path" >/dev/null 2>&1; then
    echo "missing $name (Debian: apt-get install -y ${name/java/openjdk-17-jdk-headless})" >&2; exit 1
  fi
done

pin_client=()
broker_cpu=none
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  pin_client=(taskset -c 1); broker_cpu=0
  echo "pinning: sink/mosquitto on CPU 0 (taskset -c 0), client JVM on CPU 1 (taskset -c 1)"
else
  echo "taskset (util-linux) not found or fewer than 2 CPUs: running UNPINNED; figures vary by about 40 %" >&2
fi

# 1,000 idle connections per JVM, plus mosquitto's side of them.
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || echo "could not raise ulimit -n ($(ulimit -n))" >&2

mvn -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1)"
# BENCH_JAVA_OPTS: extra JVM options for the harness JVM, e.g. a JFR recording to profile a workload.
# shellcheck disable=SC2086
exec "${pin_client[@]}" java -Xms1g -Xmx1g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -Dbench.brokerCpu="$broker_cpu" \
  -cp "$cp" dev.mqtt5.bench.BenchmarkRunner --out benchmarks/target/bench "$@"
