package dev.mqtt5.aws.iot.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mqtt5.aws.iot.emulator.JobsService.PendingView;
import dev.mqtt5.aws.iot.emulator.Json.InvalidRequestJsonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Jobs device API over MQTT: routes {@code $aws/things/<thing>/jobs/...} requests, checks
 * them, and answers on {@code /accepted} or {@code /rejected}.
 */
final class JobsRequests {

    private static final long MAX_STEP_TIMEOUT_MINUTES = 10080;

    private final JobsService service;

    private final ServicePublisher publisher;

    JobsRequests(JobsService service, ServicePublisher publisher) {
        this.service = service;
        this.publisher = publisher;
    }

    void handle(ServiceRequest request) {
        String[] levels = request.topic().split("/", -1);
        if (levels.length < 5 || levels.length > 6 || !levels[0].equals("$aws") || !levels[1].equals("things")
                || !levels[3].equals("jobs")) {
            return;
        }
        String thing = levels[2];
        String operation = (levels.length == 5) ? levels[4] : levels[5];
        String jobId = (levels.length == 6) ? levels[4] : null;
        if (isPublishedByTheService(levels)) {
            return;
        }
        try {
            ObjectNode payload;
            try {
                payload = Json.parseRequest(request.payload());
            } catch (InvalidRequestJsonException ex) {
                throw new JobsRequestException("InvalidJson", "Request payload is not valid JSON");
            }
            ObjectNode response;
            synchronized (this.service) {
                response = switch (operation) {
                    case "get" -> (jobId == null) ? pending(thing) : describe(thing, jobId, payload);
                    case "start-next" -> (jobId == null) ? startNext(thing, payload) : null;
                    case "update" -> (jobId != null) ? update(thing, jobId, payload) : null;
                    default -> null;
                };
            }
            if (response == null) {
                throw new JobsRequestException("InvalidTopic", "The topic " + request.topic() + " is not a Jobs API");
            }
            response.put("timestamp", this.service.now());
            withClientToken(response, payload);
            this.publisher.publish(request.accepted(), response, request.responseQos());
        } catch (JobsRequestException ex) {
            reject(request, ex);
        }
    }

    /** Publishes an error document on the request's {@code /rejected} topic. */
    void reject(ServiceRequest request, JobsRequestException error) {
        ObjectNode document = Json.object().put("code", error.code()).put("message", error.getMessage());
        try {
            withClientToken(document, Json.parseRequest(request.payload()));
        } catch (InvalidRequestJsonException ex) {
            // no client token to echo
        }
        document.put("timestamp", this.service.now());
        if (error.executionState() != null) {
            document.set("executionState", error.executionState());
        }
        this.publisher.publish(request.rejected(), document, request.responseQos());
    }

    private static boolean isPublishedByTheService(String[] levels) {
        String last = levels[levels.length - 1];
        return (levels.length == 5 && (last.equals("notify") || last.equals("notify-next")))
                || (levels.length == 6 && (last.equals("accepted") || last.equals("rejected")));
    }

    private ObjectNode pending(String thing) {
        ObjectNode response = Json.object();
        response.putArray("inProgressJobs");
        response.putArray("queuedJobs");
        for (JobExecution execution : this.service.pending(thing)) {
            String list = (execution.status == JobExecutionStatus.IN_PROGRESS) ? "inProgressJobs" : "queuedJobs";
            response.withArray(list).add(execution.summary());
        }
        return response;
    }

    private ObjectNode startNext(String thing, ObjectNode payload) throws JobsRequestException {
        ObjectNode details = statusDetails(payload);
        Duration stepTimeout = stepTimeout(payload);
        ObjectNode response = Json.object();
        List<JobExecution> pending = this.service.pending(thing);
        if (pending.isEmpty()) {
            return response;
        }
        JobExecution next = pending.get(0);
        if (next.status == JobExecutionStatus.QUEUED) {
            PendingView before = this.service.pendingView(thing);
            next.transition(JobExecutionStatus.IN_PROGRESS, details, this.service.now());
            this.service.startStepTimer(next, (stepTimeout != null) ? stepTimeout : next.defaultStepTimeout);
            this.service.publishChanges(thing, before);
        }
        response.set("execution", next.data(true));
        return response;
    }

    private ObjectNode describe(String thing, String jobId, ObjectNode payload) throws JobsRequestException {
        boolean includeDocument = flag(payload, "includeJobDocument", true);
        ObjectNode response = Json.object();
        if (jobId.equals("$next")) {
            List<JobExecution> pending = this.service.pending(thing);
            if (!pending.isEmpty()) {
                response.set("execution", pending.get(0).data(includeDocument));
            }
            return response;
        }
        JobExecution execution = existing(thing, jobId, payload);
        if (execution.status.isTerminal()) {
            throw new JobsRequestException("TerminalStateReached",
                    "Job execution " + jobId + " for thing " + thing + " is in terminal state " + execution.status);
        }
        response.set("execution", execution.data(includeDocument));
        return response;
    }

    private ObjectNode update(String thing, String jobId, ObjectNode payload) throws JobsRequestException {
        JobExecutionStatus status = status(payload);
        ObjectNode details = statusDetails(payload);
        Duration stepTimeout = stepTimeout(payload);
        JsonNode expectedVersion = payload.get("expectedVersion");
        if (expectedVersion != null && !expectedVersion.canConvertToExactIntegral()) {
            throw new JobsRequestException("InvalidRequest", "expectedVersion must be a number");
        }
        JobExecution execution = existing(thing, jobId, payload);
        if (expectedVersion != null && expectedVersion.asLong() != execution.versionNumber) {
            throw new JobsRequestException("VersionMismatch", "Expected version " + expectedVersion.asLong()
                    + " does not match the execution's version " + execution.versionNumber, execution.state());
        }
        if (execution.status.isTerminal()) {
            throw new JobsRequestException("InvalidStateTransition", "Cannot update job execution " + jobId
                    + " from " + execution.status + " to " + status, execution.state());
        }
        PendingView before = this.service.pendingView(thing);
        boolean starting = execution.status == JobExecutionStatus.QUEUED && status == JobExecutionStatus.IN_PROGRESS;
        execution.transition(status, details, this.service.now());
        if (status == JobExecutionStatus.IN_PROGRESS && (starting || stepTimeout != null)) {
            this.service.startStepTimer(execution, (stepTimeout != null) ? stepTimeout : execution.defaultStepTimeout);
        }
        this.service.publishChanges(thing, before);
        ObjectNode response = Json.object();
        if (flag(payload, "includeJobExecutionState", false)) {
            response.set("executionState", execution.state());
        }
        if (flag(payload, "includeJobDocument", false)) {
            response.set("jobDocument", execution.jobDocument.deepCopy());
        }
        return response;
    }

    private JobExecution existing(String thing, String jobId, ObjectNode payload) throws JobsRequestException {
        JobExecution execution = this.service.find(thing, jobId);
        JsonNode executionNumber = payload.get("executionNumber");
        if (execution == null || (executionNumber != null && executionNumber.asLong() != execution.executionNumber)) {
            throw new JobsRequestException("ResourceNotFound",
                    "Job execution " + jobId + " for thing " + thing + " does not exist");
        }
        return execution;
    }

    private static JobExecutionStatus status(ObjectNode payload) throws JobsRequestException {
        JsonNode status = payload.get("status");
        if (status == null || !status.isString()) {
            throw new JobsRequestException("InvalidRequest", "status is required");
        }
        for (JobExecutionStatus candidate : JobExecutionStatus.values()) {
            if (candidate.name().equals(status.asString()) && candidate.isSettableByDevice()) {
                return candidate;
            }
        }
        throw new JobsRequestException("InvalidRequest",
                "status must be IN_PROGRESS, SUCCEEDED, FAILED or REJECTED, was " + status.asString());
    }

    private static ObjectNode statusDetails(ObjectNode payload) throws JobsRequestException {
        JsonNode details = payload.get("statusDetails");
        if (details == null || details.isNull()) {
            return null;
        }
        if (!details.isObject()) {
            throw new JobsRequestException("InvalidRequest", "statusDetails must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : details.properties()) {
            if (!entry.getValue().isString()) {
                throw new JobsRequestException("InvalidRequest",
                        "statusDetails values must be strings: " + entry.getKey() + " is not");
            }
        }
        return (ObjectNode) details;
    }

    private static Duration stepTimeout(ObjectNode payload) throws JobsRequestException {
        JsonNode minutes = payload.get("stepTimeoutInMinutes");
        if (minutes == null || minutes.isNull()) {
            return null;
        }
        if (!minutes.canConvertToExactIntegral() || minutes.asLong() < 1 || minutes.asLong() > MAX_STEP_TIMEOUT_MINUTES) {
            throw new JobsRequestException("InvalidRequest",
                    "stepTimeoutInMinutes must be a whole number from 1 to " + MAX_STEP_TIMEOUT_MINUTES);
        }
        return Duration.ofMinutes(minutes.asLong());
    }

    private static boolean flag(ObjectNode payload, String name, boolean absent) {
        JsonNode value = payload.get(name);
        return (value != null && value.isBoolean()) ? value.asBoolean() : absent;
    }

    private static void withClientToken(ObjectNode document, ObjectNode request) {
        JsonNode token = request.get("clientToken");
        if (token != null && token.isString()) {
            document.put("clientToken", token.asString());
        }
    }
}
