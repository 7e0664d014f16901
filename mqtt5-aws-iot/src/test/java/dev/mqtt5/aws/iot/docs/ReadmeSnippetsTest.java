package dev.mqtt5.aws.iot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.testing.ReadmeSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every Java block of this module's README is compiled code: {@link AwsIotReadmeSnippets}. */
class ReadmeSnippetsTest {

    @Test
    void everyJavaBlockOfTheReadmeIsTheCompiledRegionItNames() throws Exception {
        assertThat(ReadmeSnippets.check(Path.of("README.md"))).isEqualTo(4);
    }
}
