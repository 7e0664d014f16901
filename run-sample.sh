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

mvn -B -q -ntp package -DskipTests -pl sample-app -am
exec java -jar sample-app/target/sample-app-0.1.0-SNAPSHOT.jar "$@"
