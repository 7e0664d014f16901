package dev.mqtt5.client.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what a logger writes (logback), at every level down to DEBUG, until closed; the captured
 * events do not reach the console. Needs logback as the SLF4J binding of the test classpath.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("dev.mqtt5.client.Mqtt5Client")) {
 *     ... run a client ...
 *     assertThat(log.messages(Level.WARN)).hasSize(1);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousLevel;
    private final boolean previousAdditive;

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.previousAdditive = logger.isAdditive();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    /**
     * Starts capturing the logger's events.
     *
     * @param loggerName the logger's name
     * @return the capture; close it to restore the logger
     */
    public static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** @return every event captured so far, in order */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // the appender adds under this lock
            return new ArrayList<>(appender.list);
        }
    }

    /**
     * @param level the level
     * @return the events of exactly this level
     */
    public List<ILoggingEvent> events(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).toList();
    }

    /**
     * @param level the level
     * @return the formatted messages of the events of exactly this level
     */
    public List<String> messages(Level level) {
        return events(level).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** @return everything captured as a log file would show it: level, message and stack traces */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
    }
}
