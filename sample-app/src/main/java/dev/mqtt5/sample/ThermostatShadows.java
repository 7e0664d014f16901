package dev.mqtt5.sample;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEventType;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowDocumentsEvent;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The cloud side of the thermostats' shadows, as any application with the right policy would do it
 * (on AWS IoT Core as on the emulator): sets a thermostat's desired target, and watches its shadow's
 * documents ({@code /update/documents}) to log when the thermostat has applied and reported it.
 */
@Component
class ThermostatShadows implements DisposableBean {

    private static final Log logger = LogFactory.getLog(ThermostatShadows.class);

    private final AwsIotServices services;

    /** The documents stream of each thermostat whose target was set, done once it is subscribed. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    ThermostatShadows(AwsIotServices services) {
        this.services = services;
    }

    /**
     * Sets a thermostat's desired target; the thermostat gets the delta, applies it and reports it.
     *
     * @return the shadow's version after the update
     */
    CompletableFuture<Long> setDesiredTarget(String thingName, double target) {
        return watch(thingName).subscribed()
            .thenCompose((subscribed) -> this.services.shadow(thingName)
                .update(ShadowUpdate.desired(new Messages.ThermostatState(target))))
            .thenApply(ShadowDocument::version);
    }

    private synchronized Watch watch(String thingName) {
        Watch existing = this.watches.get(thingName);
        if (existing != null && !existing.subscribed().isCompletedExceptionally()) {
            return existing;
        }
        if (existing != null) {
            existing.stream().close();
        }
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        StreamingOperation stream = this.services.shadow(thingName).documents(Messages.ThermostatState.class,
                (event) -> logApplied(thingName, event), (status) -> {
                    if (status.type() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                        subscribed.complete(null);
                    }
                    else if (status.type() == SubscriptionStatusEventType.SUBSCRIPTION_HALTED) {
                        // the next call opens it again
                        subscribed.completeExceptionally((status.error() != null) ? status.error()
                                : new IllegalStateException("the documents subscription of " + thingName + " halted"));
                    }
                });
        Watch watch = new Watch(stream, subscribed);
        this.watches.put(thingName, watch);
        return watch;
    }

    /** Logs an update whose reported target changed to the desired one: the thermostat applied it. */
    private static void logApplied(String thingName, ShadowDocumentsEvent<Messages.ThermostatState> event) {
        Double reported = target(event.current(), true);
        if (reported == null || !reported.equals(target(event.current(), false))
                || Objects.equals(reported, target(event.previous(), true))) {
            return;
        }
        logger.info(String.format("Shadow %s: desired target %.1f applied, reported (version %d)", thingName, reported,
                event.current().version()));
    }

    private static Double target(ShadowDocument<Messages.ThermostatState> document, boolean reported) {
        if (document == null || document.state() == null) {
            return null;
        }
        Messages.ThermostatState state = reported ? document.state().reported() : document.state().desired();
        return (state != null) ? state.target() : null;
    }

    @Override
    public synchronized void destroy() {
        this.watches.values().forEach((watch) -> watch.stream().close());
        this.watches.clear();
    }

    private record Watch(StreamingOperation stream, CompletableFuture<Void> subscribed) {
    }
}
