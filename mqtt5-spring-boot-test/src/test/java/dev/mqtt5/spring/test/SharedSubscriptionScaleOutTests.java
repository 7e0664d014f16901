package dev.mqtt5.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.Mqtt5ListenerContainer;
import dev.mqtt5.spring.listener.Mqtt5ListenerEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out with a shared subscription: three application instances share one
 * {@code @Mqtt5Listener(group = ...)}, a publisher sends 10,000 QoS 1 messages, the busiest
 * instance is closed mid-stream. Every message is processed, duplicates are only of messages the
 * closed instance held when it left the group, and the split is printed.
 */
class SharedSubscriptionScaleOutTests {

    private static final int MESSAGES = 10_000;

    private static final String TOPIC = "scale/jobs";

    /** At most this many messages sent and not yet processed. */
    private static final int BACKLOG = 600;

    /** Message number to the instances that processed it, in order. */
    private static final Map<Integer, List<String>> processedBy = new ConcurrentHashMap<>();

    private static final AtomicInteger processed = new AtomicInteger();

    /** Instance name to how many it has processed so far. */
    private static final Map<String, AtomicInteger> processedPerInstance = new ConcurrentHashMap<>();

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WorkerApp {

        @Bean
        Worker worker(Environment environment) {
            return new Worker(environment.getRequiredProperty("worker.name"));
        }
    }

    static class Worker {

        private final String name;

        Worker(String name) {
            this.name = name;
        }

        @Mqtt5Listener(id = "jobs", topics = TOPIC, group = "workers", qos = QoS.AT_LEAST_ONCE)
        void on(String number) {
            // A little work per message, so that every instance has some in hand when one is closed.
            LockSupport.parkNanos(200_000);
            processedBy.computeIfAbsent(Integer.valueOf(number), (n) -> new CopyOnWriteArrayList<>()).add(this.name);
            processedPerInstance.computeIfAbsent(this.name, (n) -> new AtomicInteger()).incrementAndGet();
            processed.incrementAndGet();
        }
    }

    @Test
    void threeInstancesOnMosquittoOneClosedMidStream() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            scaleOut("mosquitto", broker.host(), broker.tcpPort(), false);
        }
    }

    @Test
    void threeInstancesOnTheEmbeddedHiveMqOneClosedMidStream() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(0)) {
            // HiveMQ CE stops delivering to the whole group when a member acknowledges messages after
            // its UNSUBSCRIBE (seen with plain clients too); it hands a departed member's
            // unacknowledged messages to the others by itself, so members leave by disconnecting.
            scaleOut("embedded HiveMQ CE", broker.getHost(), broker.getPort(), true,
                    "aws.iot.mqtt5.listener.leave-shared-groups=false");
        }
    }

    /**
     * @param resendsWhatTheLeaverHeld whether the broker gives the messages a member has not yet
     *     acknowledged when it leaves the group to the other members (HiveMQ does, on UNSUBSCRIBE,
     *     though the leaver still handles and acknowledges them; mosquitto does not)
     * @param properties more properties of the instances
     */
    private void scaleOut(String brokerName, String host, int port, boolean resendsWhatTheLeaverHeld,
            String... properties) throws Exception {
        processedBy.clear();
        processed.set(0);
        processedPerInstance.clear();
        List<String> names = List.of("a", "b", "c");
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        Mqtt5Client publisher = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(host).port(port)
            .connectOptions(ConnectPacket.builder().clientId("scale-publisher").build()).build());
        try {
            for (String name : names) {
                instances.add(instance(name, host, port, properties));
            }
            publisher.start();
            List<CompletableFuture<PublishResult>> sent = new ArrayList<>(MESSAGES);
            Thread closer = null;
            String closed = null;
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(publisher.publish(PublishPacket.builder().topic(TOPIC).payload(Integer.toString(i))
                    .qos(QoS.AT_LEAST_ONCE).build()));

                if (closer == null && processed.get() >= MESSAGES * 3 / 10) {
                    closed = busiest();
                    closer = new Thread(instances.get(names.indexOf(closed))::close, "close-instance-" + closed);
                    closer.start();
                }
                // Paced to the instances' speed: both brokers drop QoS 1 messages beyond a queue of
                // 1,000 (mosquitto's max_queued_messages per client, HiveMQ's max-queue-size), which
                // is their configuration, not something a client can change. Slowed, never paused:
                // HiveMQ CE hands the queued messages of a member that left to the others only when
                // the next message arrives.
                for (int waited = 0; waited < 20 && i - processed.get() >= BACKLOG; waited++) {
                    Thread.sleep(1);
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(closer).as("an instance was closed while messages were sent").isNotNull();
            closer.join(30_000);
            assertThat(instances.get(names.indexOf(closed)).isActive()).as("instance " + closed + " closed").isFalse();

            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> processedBy.size() == MESSAGES);
            } catch (org.awaitility.core.ConditionTimeoutException ex) {
                List<Integer> missing = new ArrayList<>();
                for (int i = 0; i < MESSAGES && missing.size() < 20; i++) {
                    if (!processedBy.containsKey(i)) {
                        missing.add(i);
                    }
                }
                throw new AssertionError(brokerName + ": " + (MESSAGES - processedBy.size()) + " of " + MESSAGES
                        + " messages never processed, e.g. " + missing + "; per instance " + processedPerInstance
                        + ", closed " + closed, ex);
            }

            Map<String, Long> split = new TreeMap<>(processedBy.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy((name) -> name, Collectors.counting())));
            Set<Integer> duplicates = processedBy.entrySet().stream().filter((e) -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
            System.out.println("Shared-subscription scale-out on " + brokerName + ": " + MESSAGES
                    + " QoS 1 messages, processed per instance " + split + " (" + closed + " closed mid-stream), duplicates "
                    + duplicates.size());

            assertThat(processedBy).hasSize(MESSAGES);
            assertThat(names).containsAll(split.keySet());
            assertThat(split.get(closed)).as("instance " + closed + " worked before it was closed").isPositive();
            // Duplicates only of what the closed instance held unacknowledged when it left the
            // group; none on a broker that does not resend those: it acknowledged all it processed.
            String closedName = closed;
            assertThat(duplicates).allSatisfy((n) -> assertThat(processedBy.get(n)).contains(closedName));
            if (!resendsWhatTheLeaverHeld) {
                assertThat(duplicates).isEmpty();
            }
        } finally {
            publisher.close();
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    /** The instance that has processed most so far: closing it leaves the most work in flight. */
    private static String busiest() {
        return processedPerInstance.entrySet().stream().max(Map.Entry.comparingByValue(
                Comparator.comparingInt(AtomicInteger::get))).orElseThrow().getKey();
    }

    private static ConfigurableApplicationContext instance(String name, String host, int port, String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApp.class)
            .web(WebApplicationType.NONE)
            .properties(properties)
            .properties("worker.name=" + name, "spring.main.banner-mode=off",
                    "aws.iot.mqtt5.endpoint=" + host, "aws.iot.mqtt5.port=" + port,
                    "aws.iot.mqtt5.client-id=scale-" + name, "aws.iot.mqtt5.startup.wait-for-connection=true")
            .run();
        Mqtt5ListenerContainer jobs = context.getBean(Mqtt5ListenerEndpointRegistry.class).getListenerContainer("jobs");
        await().atMost(Duration.ofSeconds(10)).until(jobs::isSubscribed);
        return context;
    }
}
