#!/usr/bin/env bash
# The whole test suite: makes sure the external programs the tests spawn are present,
# then runs every module's tests with Maven. Usage: ./run-tests.sh [extra mvn args]
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

exec mvn -B -ntp verify "$@"
