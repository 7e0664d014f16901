#!/usr/bin/env bash
# Builds the sample application and what it needs (tests skipped), then runs it on the embedded
# MQTT broker. Arguments go to the application, e.g. ./run-sample.sh --server.port=8081
# or ./run-sample.sh --spring.profiles.active=aws (see sample-app/README.md).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp package -DskipTests -pl sample-app -am
exec java -jar sample-app/target/sample-app-0.1.0-SNAPSHOT.jar "$@"
