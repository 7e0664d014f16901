#!/usr/bin/env bash
# Start and stop of the sample application (BENCHMARKS.md, "Start and stop"): runs the packaged jar
# RUNS times (default 5) on its embedded broker, waits for "Started SampleApplication", lets it run
# SETTLE seconds (default 3), sends SIGTERM and waits for the process to end; prints each phase's
# median (min-max) in ms, read from the application's log timestamps and the wall clock.
#
#   benchmarks/startup.sh                     # the plain jar (java -jar), as SAMPLE_CDS=false ./run-sample.sh runs it
#   RUNS=5 JAVA_OPTS="-XX:SharedArchiveFile=x.jsa" benchmarks/startup.sh
#   benchmarks/startup.sh --run-sample        # the command ./run-sample.sh execs (AppCDS, AOT, its JVM options)
#
# Package first: mvn -o -q -B package -DskipTests -pl sample-app -am
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SETTLE=${SETTLE:-3}
JAR=${JAR:-sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}
OUT=${OUT:-benchmarks/target/startup}
mkdir -p "$OUT"
rm -f "$OUT"/run-*.log "$OUT"/run-*.times
now_ms() { date +%s%3N; }

for i in $(seq 1 "$RUNS"); do
  log="$OUT/run-$i.log"
  t0=$(now_ms)
  if [ "${1:-}" = "--run-sample" ]; then
    SAMPLE_SKIP_BUILD=1 ./run-sample.sh --server.port=0 >"$log" 2>&1 &
  else
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$JAR" --server.port=0 >"$log" 2>&1 &
  fi
  pid=$!
  deadline=$(( t0 + 120000 ))
  until grep -q "Started SampleApplication" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
      echo "run $i: the application did not start; see $log" >&2; kill "$pid" 2>/dev/null || true; exit 1
    fi
    sleep 0.1  # polling every 20 ms took about 0.5 s of CPU from the start it measures
  done
  t_ready=$(now_ms)
  sleep "$SETTLE"
  t_term=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || true
  t_exit=$(now_ms)
  echo "$t0 $t_ready $t_term $t_exit" >"$OUT/run-$i.times"
  echo "run $i: ready $(( t_ready - t0 )) ms after launch, exit $(( t_exit - t_term )) ms after SIGTERM" >&2
done

python3 - "$OUT" "$RUNS" <<'PY'
import re, sys, statistics, datetime
out, runs = sys.argv[1], int(sys.argv[2])
def ts(line):
    return datetime.datetime.fromisoformat(line[:23]).replace(tzinfo=datetime.timezone.utc).timestamp() * 1000
def first(lines, pattern):
    for l in lines:
        if re.search(pattern, l):
            return l
    return None
rows = {}
def put(name, value):
    if value is not None:
        rows.setdefault(name, []).append(value)
for i in range(1, runs + 1):
    lines = open(f"{out}/run-{i}.log", errors="replace").read().splitlines()
    lines = [l for l in lines if re.match(r"\d{4}-\d\d-\d\dT", l)]
    t0, t_ready, t_term, t_exit = map(int, open(f"{out}/run-{i}.times").read().split())
    started = first(lines, r"Started SampleApplication in")
    m = re.search(r"in ([\d.]+) seconds \(process running for ([\d.]+)\)", started)
    spring_s, up_s = float(m.group(1)), float(m.group(2))
    jvm0 = ts(started) - up_s * 1000
    put("JVM start -> main entered (process running for - Started in)", (up_s - spring_s) * 1000)
    l = first(lines, r"Started the embedded MQTT broker .* in \d+ ms")
    put("embedded broker start (in the environment post-processor)", l and int(re.search(r" in (\d+) ms", l).group(1)))
    l = first(lines, r"Started the AWS IoT emulator .* in \d+ ms")
    put("AWS IoT emulator start (connect + subscribe)", l and int(re.search(r" in (\d+) ms", l).group(1)))
    l = first(lines, r"Starting (AOT-processed )?SampleApplication using")
    put("main entered -> context created (\"Starting SampleApplication\")", l and ts(l) - jvm0 - (up_s - spring_s) * 1000)
    l = first(lines, r"initialization completed in \d+ ms")
    put("web context initialization (\"initialization completed in\")", l and int(re.search(r"in (\d+) ms", l).group(1)))
    l = first(lines, r"'fleet-service' connected to")
    put("JVM start -> application client's first CONNACK", l and ts(l) - jvm0)
    put("\"Started SampleApplication in\" (main -> ready)", spring_s * 1000)
    put("JVM start -> ready (process running for)", up_s * 1000)
    put("launch -> ready seen by the script (wall)", t_ready - t0)
    # shutdown, from SIGTERM
    l = first(lines, r"'fleet-service' stopped")
    put("SIGTERM -> application client stopped (web drain, listeners, DISCONNECT)", l and ts(l) - t_term)
    l2 = first(lines, r"'aws-iot-emulator-.*' stopped")
    put("application client stopped -> emulator closed", l and l2 and ts(l2) - ts(l))
    l = first(lines, r"Stopped EmbeddedHiveMQ in \d+ms")
    put("embedded broker stop (\"Stopped EmbeddedHiveMQ in\")", l and int(re.search(r"in (\d+)ms", l).group(1)))
    put("broker stopped -> process exit", l and t_exit - ts(l))
    put("SIGTERM -> process exit (wall)", t_exit - t_term)
print(f"| phase | median ms ({runs} runs, min-max) |")
print("|---|---:|")
for name, values in rows.items():
    print(f"| {name} | {statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f}) |")
PY
