package dev.mqtt5.spring.docs;

import java.nio.file.Path;

import dev.mqtt5.client.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Java block of the top-level README is compiled code: {@link SpringReadmeSnippets}. */
class ReadmeSnippetsTests {

    @Test
    void everyJavaBlockOfTheReadmeIsTheCompiledRegionItNames() throws Exception {
        assertThat(ReadmeSnippets.check(Path.of("../README.md"))).isEqualTo(10);
    }
}
