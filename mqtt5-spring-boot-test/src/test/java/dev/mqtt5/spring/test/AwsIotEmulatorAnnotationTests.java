package dev.mqtt5.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code @EmbeddedMqtt5Broker(awsIot = true)}: the application's client talks to the AWS IoT services on the broker. */
@SpringBootTest(properties = "aws.iot.mqtt5.client-id=emulated-device")
@EmbeddedMqtt5Broker(awsIot = true)
class AwsIotEmulatorAnnotationTests {

    @Autowired
    private Mqtt5Client client;

    @Autowired
    private AwsIotEmulator emulator;

    @Test
    void desiredStateSetThroughTheEmulatorBeanReachesTheApplicationsClientAndJobsRunOverIt() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.client.state() == ClientState.CONNECTED);
        BlockingQueue<PublishPacket> received = new LinkedBlockingQueue<>();
        String prefix = "$aws/things/device-1";
        this.client.subscribe(SubscribePacket.builder().subscription(prefix + "/shadow/update/delta", QoS.AT_LEAST_ONCE)
                .subscription(prefix + "/jobs/start-next/accepted", QoS.AT_LEAST_ONCE).build(), received::add)
                .get(10, TimeUnit.SECONDS);

        this.emulator.shadows().updateDesired("device-1", null, "{\"led\":\"on\"}");
        PublishPacket delta = received.poll(10, TimeUnit.SECONDS);
        assertThat(delta).isNotNull();
        assertThat(delta.payloadAsString()).contains("\"state\":{\"led\":\"on\"}");

        this.emulator.jobs().createJob("device-1", "job-1", "{\"op\":\"blink\"}");
        this.client.publish(PublishPacket.builder().topic(prefix + "/jobs/start-next").payload("{}")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        PublishPacket started = received.poll(10, TimeUnit.SECONDS);
        assertThat(started).isNotNull();
        assertThat(new String(started.payload(), StandardCharsets.UTF_8)).contains("\"jobId\":\"job-1\"");
        assertThat(this.emulator.jobs().status("device-1", "job-1")).contains(JobExecutionStatus.IN_PROGRESS);
    }

    @SpringBootApplication
    static class TestApplication {

    }
}
