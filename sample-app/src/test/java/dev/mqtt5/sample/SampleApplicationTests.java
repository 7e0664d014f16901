package dev.mqtt5.sample;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample starts against its embedded broker, connected before the runner publishes. */
@SpringBootTest
class SampleApplicationTests {

    @Autowired
    private Mqtt5Client client;

    @Test
    void theSampleConnectsToItsEmbeddedBrokerOnStartup() {
        assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(this.client.options().hostName()).isEqualTo("127.0.0.1");
    }
}
