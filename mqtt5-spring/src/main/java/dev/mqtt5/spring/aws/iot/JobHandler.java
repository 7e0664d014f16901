package dev.mqtt5.spring.aws.iot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs the AWS IoT jobs whose job document's {@code operation} field names
 * {@link #value()}.
 *
 * <pre>{@code
 * @JobHandler("set-mode")
 * Map<String, String> setMode(ModeJob job) {         // the job document, converted
 *     device.setMode(job.mode());
 *     return Map.of("mode", job.mode());             // the SUCCEEDED execution's statusDetails
 * }
 * }</pre>
 *
 * <p>The thing's next pending execution is started ({@code StartNextPendingJobExecution}, which
 * makes it IN_PROGRESS), its document goes to the method whose operation it names, and the
 * execution is then updated to SUCCEEDED with the returned status details (a
 * {@code Map<String, String>}; any other return value is reported as {@code result}), or to FAILED
 * with {@code reason} set to the exception's message when the method throws. A job no method
 * handles is REJECTED with a reason that says so. Jobs run one at a time, in the service's order,
 * on a thread of their own: at start, whenever the service notifies a next job, and after each
 * job, until none is pending.
 *
 * <p>The first parameter receives the job document, converted from JSON to its type; a parameter
 * of type {@link dev.mqtt5.aws.iot.jobs.JobExecution} receives the execution (job id, version,
 * status details).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JobHandler {

    /**
     * The job document's {@code operation} this method runs.
     *
     * @return the operation
     */
    String value();
}
