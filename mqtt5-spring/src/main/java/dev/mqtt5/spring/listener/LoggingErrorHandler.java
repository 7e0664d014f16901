package dev.mqtt5.spring.listener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The default {@link Mqtt5ListenerErrorHandler}: logs the failure at ERROR with the listener id and topic. */
public final class LoggingErrorHandler implements Mqtt5ListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(LoggingErrorHandler.class);

    @Override
    public void handle(FailedDelivery failure) {
        logger.error("MQTT listener '" + failure.getListenerId() + "' failed on a publish to '"
                + failure.getPublish().topic() + "' (attempt " + failure.getAttempts() + ")", failure.getCause());
    }
}
