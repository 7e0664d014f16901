package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;

/**
 * A {@code notify-next} event: the execution the thing should work on next changed.
 *
 * @param execution the next execution, or null when there is none left
 * @param timestamp when the service sent it, or null
 */
public record NextJobExecutionChanged(JobExecution execution, Instant timestamp) {
}
