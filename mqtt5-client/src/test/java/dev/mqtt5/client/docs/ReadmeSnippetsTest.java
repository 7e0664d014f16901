package dev.mqtt5.client.docs;

import java.nio.file.Path;

import dev.mqtt5.client.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Java block of this module's README is compiled code: {@link ClientReadmeSnippets}. */
class ReadmeSnippetsTest {

    @Test
    void everyJavaBlockOfTheReadmeIsTheCompiledRegionItNames() throws Exception {
        assertThat(ReadmeSnippets.check(Path.of("README.md"))).isEqualTo(6);
    }
}
