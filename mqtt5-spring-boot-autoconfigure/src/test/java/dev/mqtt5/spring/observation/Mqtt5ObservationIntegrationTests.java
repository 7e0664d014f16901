package dev.mqtt5.spring.observation;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.listener.Mqtt5ListenerAutoConfiguration;
import dev.mqtt5.spring.autoconfigure.template.Mqtt5TemplateAutoConfiguration;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.UserProperty;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations of template publishes and listener invocations, off unless
 * {@code aws.iot.mqtt5.observation-enabled}, and trace context carried across the broker in user properties.
 */
class Mqtt5ObservationIntegrationTests {

    private static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static class Listener {

        final BlockingQueue<String> traceparents = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "observed/in")
        void on(String text, @UserProperty(value = "traceparent", required = false) String traceparent) {
            this.traceparents.add(String.valueOf(traceparent));
        }
    }

    /** Stands in for a tracing bridge: writes a W3C traceparent on send, reads it back on receive. */
    static class FakePropagation implements ObservationHandler<Observation.Context> {

        static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        final List<String> extracted = new CopyOnWriteArrayList<>();

        @Override
        @SuppressWarnings({ "unchecked", "rawtypes" })
        public void onStart(Observation.Context context) {
            if (context instanceof SenderContext sender) {
                sender.getSetter().set(sender.getCarrier(), "traceparent", TRACEPARENT);
            } else if (context instanceof ReceiverContext receiver) {
                this.extracted.add((String) receiver.getGetter().get(receiver.getCarrier(), "traceparent"));
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext || context instanceof ReceiverContext;
        }
    }

    private ApplicationContextRunner runner(String clientId) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5ListenerAutoConfiguration.class,
                    Mqtt5TemplateAutoConfiguration.class))
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(Listener.class)
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.tcpPort(),
                    "aws.iot.mqtt5.client-id=" + clientId, "aws.iot.mqtt5.startup.wait-for-connection=true");
    }

    @Test
    void publishesAndListenerInvocationsAreObservedAndTheTraceCrossesTheBroker() {
        runner("observed").withPropertyValues("aws.iot.mqtt5.observation-enabled=true").run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            FakePropagation propagation = new FakePropagation();
            registry.observationConfig().observationHandler(propagation);
            Listener listener = context.getBean(Listener.class);
            Mqtt5Template template = context.getBean(Mqtt5Template.class);
            List<String> seen = new CopyOnWriteArrayList<>();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                template.publish("observed/in", "hello").join();
                String traceparent = listener.traceparents.poll(200, TimeUnit.MILLISECONDS);
                if (traceparent != null) {
                    seen.add(traceparent);
                }
                return !seen.isEmpty();
            });
            assertThat(seen.get(0)).isEqualTo(FakePropagation.TRACEPARENT);
            assertThat(propagation.extracted).contains(FakePropagation.TRACEPARENT);
            TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo(Mqtt5Observations.PUBLISH).that()
                .hasLowCardinalityKeyValue("mqtt5.qos", "1")
                .hasHighCardinalityKeyValue("mqtt5.topic", "observed/in")
                .hasBeenStopped();
            TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo(Mqtt5Observations.LISTENER).that()
                .hasLowCardinalityKeyValue("mqtt5.listener.id", Listener.class.getName() + ".on")
                .hasBeenStopped();
        });
    }

    @Test
    void nothingIsObservedByDefault() {
        runner("not-observed").run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            Listener listener = context.getBean(Listener.class);
            Mqtt5Template template = context.getBean(Mqtt5Template.class);
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                template.publish("observed/in", "hello").join();
                return listener.traceparents.poll(200, TimeUnit.MILLISECONDS) != null;
            });
            TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
        });
    }
}
