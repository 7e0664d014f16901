package dev.mqtt5.spring.aws.iot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.spring.listener.ShutdownThread;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link ShadowDeltaHandler} and {@link JobHandler} methods the
 * {@link AwsIotHandlerAnnotationBeanPostProcessor} found, after the MQTT client started, and stops
 * them before it stops: a running handler finishes (up to the shutdown timeout), its report is sent.
 */
public class AwsIotHandlerRegistry implements SmartLifecycle {

    /** After the client ({@code DEFAULT_PHASE - 4096}) and with the listeners. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private static final Log logger = LogFactory.getLog(AwsIotHandlerRegistry.class);

    private final AwsIotServices services;

    private final Supplier<String> thingNames;

    private volatile String thingName;

    private final JsonMapper mapper;

    private final Duration timeout;

    private final AwsIotHandlerAnnotationBeanPostProcessor methods;

    private final List<ShadowDeltaEndpoint> shadows = new ArrayList<>();

    private JobRunner jobs;

    private volatile boolean running;

    /**
     * @param services the services of the application's MQTT client
     * @param thingName the application's thing, for handlers that name none; asked only when there
     * are such handlers, so it may fail when the application has none
     * @param mapper converts payloads and reported states
     * @param timeout how long a service request and, at shutdown, a running handler may take
     * @param methods the annotated methods
     */
    public AwsIotHandlerRegistry(AwsIotServices services, Supplier<String> thingName, JsonMapper mapper,
            Duration timeout, AwsIotHandlerAnnotationBeanPostProcessor methods) {
        this.services = services;
        this.thingNames = thingName;
        this.mapper = mapper;
        this.timeout = timeout;
        this.methods = methods;
    }

    /** The thing the handlers act for when they name none; null until a handler needed it. */
    public String thingName() {
        return this.thingName;
    }

    private String defaultThing() {
        if (this.thingName == null) {
            this.thingName = this.thingNames.get();
        }
        return this.thingName;
    }

    /**
     * The sync state of each shadow that has a {@link ShadowDeltaHandler}, by {@code thing} or
     * {@code thing/shadow}.
     */
    public Map<String, ShadowSyncState> shadowStates() {
        Map<String, ShadowSyncState> states = new LinkedHashMap<>();
        synchronized (this.shadows) {
            this.shadows.forEach((endpoint) -> states.put(endpoint.name(), endpoint.state()));
        }
        return states;
    }

    /** How many jobs the {@link JobHandler} methods completed, by outcome. */
    public Map<String, Long> jobCounts() {
        JobRunner runner = this.jobs;
        return (runner != null) ? Map.of("succeeded", runner.succeeded(), "failed", runner.failed()) : Map.of();
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        Map<String, HandlerMethod> jobHandlers = new LinkedHashMap<>();
        Map<String, String> shadowOwners = new LinkedHashMap<>();
        for (AwsIotHandlerAnnotationBeanPostProcessor.Found found : this.methods.found()) {
            if (found.shadow() != null) {
                String thing = found.thingName().isEmpty() ? defaultThing() : found.thingName();
                String shadowName = found.shadow().shadowName();
                ShadowClient client = shadowName.isEmpty() ? this.services.shadow(thing)
                        : this.services.namedShadow(thing, shadowName);
                HandlerMethod method = new HandlerMethod(found.bean(), found.method(), this.mapper, ShadowDelta.class);
                ShadowDeltaEndpoint endpoint = new ShadowDeltaEndpoint(client, method, this.mapper, this.timeout);
                String previous = shadowOwners.putIfAbsent(endpoint.name(), method.describe());
                if (previous != null) {
                    throw new IllegalStateException("@ShadowDeltaHandler " + method.describe() + " and " + previous
                            + " both handle shadow " + endpoint.name() + "; keep one");
                }
                synchronized (this.shadows) {
                    this.shadows.add(endpoint);
                }
            }
            else {
                HandlerMethod method = new HandlerMethod(found.bean(), found.method(), this.mapper, JobExecution.class);
                HandlerMethod previous = jobHandlers.putIfAbsent(found.job().value(), method);
                if (previous != null) {
                    throw new IllegalStateException("@JobHandler " + method.describe() + " and " + previous.describe()
                            + " both run operation '" + found.job().value() + "'; keep one");
                }
            }
        }
        this.shadows.forEach(ShadowDeltaEndpoint::start);
        if (!jobHandlers.isEmpty()) {
            this.jobs = new JobRunner(this.services.jobs(defaultThing()), jobHandlers, this.timeout);
            this.jobs.start();
        }
        this.running = true;
    }

    @Override
    public void stop(Runnable callback) {
        ShutdownThread.start("mqtt5-aws-iot-shutdown", this::stop, callback, logger,
                "Stopping the AWS IoT handlers failed");
    }

    @Override
    public synchronized void stop() {
        if (!this.running) {
            return;
        }
        this.running = false;
        this.shadows.forEach(ShadowDeltaEndpoint::stop);
        if (this.jobs != null) {
            this.jobs.stop();
        }
        try {
            for (ShadowDeltaEndpoint endpoint : this.shadows) {
                endpoint.awaitStopped(this.timeout);
            }
            if (this.jobs != null && !this.jobs.awaitStopped(this.timeout)) {
                logger.warn("AWS IoT jobs of " + this.thingName + ": a job still running after " + this.timeout
                        + " at shutdown; its outcome is not reported");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (this.shadows) {
            this.shadows.clear();
        }
        this.jobs = null;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
