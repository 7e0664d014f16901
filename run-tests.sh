#!/usr/bin/env bash
# The whole test suite: makes sure the external programs the tests spawn are present,
# then runs every module's tests with Maven, on Java 17 and again on a Java 21+ JDK when one is
# installed. Usage: ./run-tests.sh [extra mvn args]
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages whose binaries the tests start on free loopback ports.
# binary:package pairs.
needed=("mosquitto:mosquitto" "softhsm2-util:softhsm2" "tinyproxy:tinyproxy" "stunnel4:stunnel4")
missing=()
for pair in "${needed[@]}"; do
  bin=${pair%%:*}; pkg=${pair#*:}
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ]; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing test dependencies: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing Debian packages needed by the tests: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# The suite on the default JDK (Java 17, the baseline the project is built for), with the
# release profile's sources and Javadoc jars (a Javadoc error fails the build); the artifacts are
# installed in the local Maven repository for the next check...
mvn -B -ntp install -Prelease "$@"

# ...the README's dependency snippets build a new application against them...
./scripts/check-readme-snippets.sh

# ...and again on the newest Java 21+ JDK installed, if any (virtual threads, newer-JDK behaviour):
# JAVA_NEWER_HOME names one explicitly; otherwise /usr/lib/jvm is searched.
newer_home=""
newer_version=0
for home in ${JAVA_NEWER_HOME:-} /usr/lib/jvm/*; do
  [ -x "$home/bin/java" ] || continue
  version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ {print $2}')
  version=${version%%.*}
  if [[ "$version" =~ ^[0-9]+$ ]] && [ "$version" -ge 21 ] && [ "$version" -gt "$newer_version" ]; then
    newer_home=$home; newer_version=$version
  fi
done
if [ -n "$newer_home" ]; then
  echo "Running the suite again on Java $newer_version ($newer_home)"
  JAVA_HOME="$newer_home" mvn -B -ntp verify "$@"
else
  echo "No Java 21+ JDK found (set JAVA_NEWER_HOME or install one under /usr/lib/jvm): the suite ran on Java 17 only"
fi
