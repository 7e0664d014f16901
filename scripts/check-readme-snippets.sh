#!/usr/bin/env bash
# Builds a throwaway Spring Boot application from each dependency snippet of README.md (marked
# "<!-- snippet: NAME"), against the artifacts installed in the local Maven repository
# (run `mvn install -DskipTests` first; ./run-tests.sh does), so that the snippets a newcomer
# copies keep working: versions that exist, a BOM that pins the starter and the test module, and
# the classes the README names on the class path.
set -euo pipefail
cd "$(dirname "$0")/.."

# The plugin versions the project itself builds with (so that an offline build finds them).
plugin_version() {
  awk -v plugin="<artifactId>$1</artifactId>" 'index($0, plugin) { getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml
}
compiler_version=$(plugin_version maven-compiler-plugin)
resources_version=$(plugin_version maven-resources-plugin)
boot_version=$(awk '/<spring-boot.version>/ { gsub(/.*<spring-boot.version>|<\/spring-boot.version>.*/, ""); print; exit }' pom.xml)
# A Spring Boot application manages its dependencies with Boot's BOM (or its parent POM).
boot_bom="    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-dependencies</artifactId>
      <version>$boot_version</version>
      <type>pom</type>
      <scope>import</scope>
    </dependency>"

snippet() {
  awk -v name="$1" '
    index($0, "<!-- snippet: " name " ") == 1 { found = 1; next }
    found && /^```xml/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }
  ' README.md
}

build() {
  local name=$1 body=$2 dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/readme-snippet-$name-XXXXXX")
  mkdir -p "$dir/src/main/java/example" "$dir/src/test/java/example"
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>readme-$name</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
$body
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$compiler_version</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>$resources_version</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
  cat > "$dir/src/main/java/example/App.java" <<'JAVA'
package example;

import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class App {

    public static void main(String[] args) {
        SpringApplication.run(App.class, args);
    }

    @Mqtt5Listener(topics = "fleet/{deviceId}/telemetry", qos = QoS.AT_LEAST_ONCE)
    void onTelemetry(@TopicVariable("deviceId") String deviceId, String reading) {
    }

    void send(Mqtt5Template template) {
        template.publish("fleet/t-1/telemetry", "21.5");
    }
}
JAVA
  if [ "$name" = bom ]; then
    cat > "$dir/src/test/java/example/AppTests.java" <<'JAVA'
package example;

import dev.mqtt5.spring.test.EmbeddedMqtt5Broker;

@EmbeddedMqtt5Broker
class AppTests {
}
JAVA
  fi
  if mvn -B -ntp -q -f "$dir/pom.xml" test-compile; then
    echo "README snippet '$name': a new application builds with it"
    rm -rf "$dir"
  else
    echo "README snippet '$name' does not build a new application (kept in $dir)" >&2
    exit 1
  fi
}

starter=$(snippet starter)
bom=$(snippet bom)
[ -n "$starter" ] || { echo "README.md has no '<!-- snippet: starter' block" >&2; exit 1; }
[ -n "$bom" ] || { echo "README.md has no '<!-- snippet: bom' block" >&2; exit 1; }
build starter "  <dependencyManagement>
    <dependencies>
$boot_bom
    </dependencies>
  </dependencyManagement>
  <dependencies>
$starter
  </dependencies>"
# Boot's BOM goes after the snippet's imports, inside its dependencyManagement section.
bom_with_boot=$(printf '%s\n' "$bom" | BOOT_BOM="$boot_bom" awk '
  /<dependencyManagement>/ { in_management = 1 }
  in_management && /<\/dependencies>/ && !done { print ENVIRON["BOOT_BOM"]; done = 1 }
  /<\/dependencyManagement>/ { in_management = 0 }
  { print }
')
build bom "$bom_with_boot"
