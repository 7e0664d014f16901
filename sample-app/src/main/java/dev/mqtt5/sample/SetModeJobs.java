package dev.mqtt5.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.spring.autoconfigure.awsiot.AwsIotThing;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Queues set-mode jobs for the application's thing on the AWS IoT emulator of the default profile
 * and logs each one's outcome. Creating a job is AWS IoT's control plane (HTTPS, not MQTT): on AWS
 * it is {@code aws iot create-job} (see the README), so without the emulator this class says so.
 */
@Component
class SetModeJobs {

    private static final Log logger = LogFactory.getLog(SetModeJobs.class);

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(60);

    private final ObjectProvider<AwsIotEmulator> emulator;

    private final String thingName;

    private final JsonMapper mapper;

    private final AtomicInteger sequence = new AtomicInteger();

    SetModeJobs(ObjectProvider<AwsIotEmulator> emulator, AwsIotThing thing, JsonMapper mapper) {
        this.emulator = emulator;
        this.thingName = thing.name();
        this.mapper = mapper;
    }

    /** The thing whose jobs the {@code @JobHandler} runs. */
    String thingName() {
        return this.thingName;
    }

    /**
     * Creates a set-mode job for the application's thing on the emulator.
     *
     * @return the job id, or empty when there is no emulator (AWS IoT Core: use the AWS CLI)
     */
    Optional<String> queue(String thermostat, String mode) {
        AwsIotEmulator aws = this.emulator.getIfAvailable();
        if (aws == null) {
            return Optional.empty();
        }
        String jobId = "mode-" + this.sequence.incrementAndGet();
        Messages.SetModeJob document = new Messages.SetModeJob("set-mode", thermostat, mode);
        aws.jobs().createJob(this.thingName, jobId, this.mapper.writeValueAsString(document));
        logOutcome(aws, jobId, document, Instant.now().plus(OUTCOME_WAIT));
        return Optional.of(jobId);
    }

    /** Checks the execution every 200 ms until it has ended, then logs its status (and reason). */
    private void logOutcome(AwsIotEmulator aws, String jobId, Messages.SetModeJob job, Instant deadline) {
        CompletableFuture.runAsync(() -> {
            Optional<JobExecutionStatus> status = aws.jobs().status(this.thingName, jobId);
            if (status.isPresent() && status.get().isTerminal()) {
                logger.info(String.format("Job %s set-mode %s on %s: %s%s", jobId, job.mode(), job.thermostat(),
                        status.get(), reason(aws, jobId)));
            }
            else if (Instant.now().isBefore(deadline) && !aws.isClosed()) {
                logOutcome(aws, jobId, job, deadline);
            }
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }

    private String reason(AwsIotEmulator aws, String jobId) {
        return aws.jobs().execution(this.thingName, jobId)
            .map((json) -> this.mapper.readTree(json).path("statusDetails").path("reason"))
            .filter(JsonNode::isString)
            .map((reason) -> " (" + reason.asString() + ")")
            .orElse("");
    }
}
