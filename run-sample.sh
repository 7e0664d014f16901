#!/usr/bin/env bash
# Builds the sample application and what it needs (tests skipped), then runs it on the embedded
# MQTT broker. Arguments go to the application, e.g. ./run-sample.sh --server.port=8081
# or ./run-sample.sh --spring.profiles.active=aws (see sample-app/README.md).
set -euo pipefail
cd "$(dirname "$0")"

# The aws profile reads these (sample-app/src/main/resources/application-aws.yml): say what is
# missing before building, rather than failing at startup.
if [[ " $* ${SPRING_PROFILES_ACTIVE:-} " =~ (--spring\.profiles\.active=|[ ,])aws([ ,]) ]]; then
  missing=()
  [ -n "${AWS_IOT_ENDPOINT:-}" ] || missing+=("AWS_IOT_ENDPOINT=<your data endpoint: aws iot describe-endpoint --endpoint-type iot:Data-ATS>")
  for var in AWS_IOT_CERT AWS_IOT_KEY; do
    if [ -z "${!var:-}" ]; then
      missing+=("$var=<path of the device's PEM $( [ $var = AWS_IOT_CERT ] && echo certificate || echo private key )>")
    elif [ ! -r "${!var}" ]; then
      missing+=("$var=${!var} is not a readable file")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "The aws profile connects to AWS IoT Core with the device's certificate; set:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    echo "(AWS_IOT_CLIENT_ID too, if the policy allows another client id than fleet-service;" >&2
    echo " docs/aws-iot-core.md makes the thing, certificate and policy step by step)" >&2
    exit 2
  fi
fi

[ -n "${SAMPLE_SKIP_BUILD:-}" ] || mvn -B -q -ntp package -DskipTests -pl sample-app -am
jar=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar

# A fast start (BENCHMARKS.md, "Start and stop"; each step measured there):
# - AppCDS: the jar extracted (java -Djarmode=tools ... extract) and a class data sharing archive of
#   the classes a start loads, made by a training run of the default profile that exits once the
#   context is refreshed; both made again when the jar's content changes, about 15 s once. The JVM
#   checks that the archive matches the class path (the same relative paths, jars of the same size
#   and time) and silently runs without it otherwise.
# - the AOT-processed context (-Dspring.aot.enabled=true, made by the build) for the default profile
#   only: AOT fixes the beans at build time, so a run with a profile gets the regular context.
# - JVM options for a short-lived demo on a small machine: the C1 compiler only (the C2 compiler's
#   threads compete with the start for the cores; peak speed does not matter here), the serial
#   collector, and no JFR events from Netty's buffer allocator (their first use starts JFR's
#   machinery, about 0.2 s). SAMPLE_JAVA_OPTS replaces them.
# SAMPLE_CDS=false runs the plain jar with none of this.
java_opts=(${SAMPLE_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dio.netty.jfr.enabled=false})
aot=()
if [[ ! " $* " =~ " --spring.profiles.active=" ]] && [ -z "${SPRING_PROFILES_ACTIVE:-}" ]; then
  aot=(-Dspring.aot.enabled=true)
fi
cds=sample-app/target/cds
if [ "${SAMPLE_CDS:-true}" = true ] && command -v unzip >/dev/null && command -v sha256sum >/dev/null; then
  key=$( (unzip -v "$jar" | awk 'NR > 3 && NF >= 8 {print $7, $8}'; echo "${java_opts[*]}") | sha256sum | cut -d' ' -f1)
  if [ ! -f "$cds/app.jsa" ] || [ "$(cat "$cds/key" 2>/dev/null)" != "$key" ]; then
    echo "Making the class data sharing archive $cds/app.jsa for a faster start (once per build, about 15 s)..." >&2
    rm -rf "$cds"
    if java -Djarmode=tools -jar "$jar" extract --destination "$cds" >/dev/null \
        && env -u SPRING_PROFILES_ACTIVE java -XX:ArchiveClassesAtExit="$cds/app.jsa" "${java_opts[@]}" \
            -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh \
            -jar "$cds/sample-app-0.1.0-SNAPSHOT.jar" --server.port=0 >"$cds/training.log" 2>&1 \
        && [ -f "$cds/app.jsa" ]; then
      echo "$key" >"$cds/key"
    else
      echo "(no archive: see $cds/training.log; running the plain jar)" >&2
      rm -f "$cds/app.jsa"
    fi
  fi
  if [ -f "$cds/app.jsa" ]; then
    exec java -XX:SharedArchiveFile="$cds/app.jsa" "${java_opts[@]}" "${aot[@]}" -jar "$cds/sample-app-0.1.0-SNAPSHOT.jar" "$@"
  fi
fi
exec java -jar "$jar" "$@"
