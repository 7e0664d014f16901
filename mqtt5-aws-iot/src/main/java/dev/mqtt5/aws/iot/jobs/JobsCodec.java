package dev.mqtt5.aws.iot.jobs;

import static dev.mqtt5.aws.iot.internal.ServiceJson.epochSeconds;
import static dev.mqtt5.aws.iot.internal.ServiceJson.number;
import static dev.mqtt5.aws.iot.internal.ServiceJson.text;

import dev.mqtt5.aws.iot.rr.ServiceMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Jobs documents to and from JSON. */
final class JobsCodec {

    private final JsonMapper mapper;

    JobsCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode updateRequest(JobExecutionUpdate update) {
        ObjectNode request = mapper.createObjectNode();
        request.put("status", update.status().name());
        if (!update.statusDetails().isEmpty()) {
            ObjectNode details = request.putObject("statusDetails");
            update.statusDetails().forEach(details::put);
        }
        if (update.expectedVersion() != null) {
            request.put("expectedVersion", update.expectedVersion());
        }
        if (update.executionNumber() != null) {
            request.put("executionNumber", update.executionNumber());
        }
        if (update.stepTimeout() != null) {
            request.put("stepTimeoutInMinutes", update.stepTimeout().toMinutes());
        }
        request.put("includeJobExecutionState", update.includeJobExecutionState());
        request.put("includeJobDocument", update.includeJobDocument());
        if (update.clientToken() != null) {
            request.put("clientToken", update.clientToken());
        }
        return request;
    }

    PendingJobExecutions pending(JsonNode body) {
        return new PendingJobExecutions(summaries(body.get("inProgressJobs")), summaries(body.get("queuedJobs")),
                epochSeconds(body, "timestamp"), text(body, "clientToken"));
    }

    JobExecution execution(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new JobExecution(text(node, "jobId"), text(node, "thingName"), node.path("jobDocument"),
                JobStatus.of(text(node, "status")), details(node.get("statusDetails")), epochSeconds(node, "queuedAt"),
                epochSeconds(node, "startedAt"), epochSeconds(node, "lastUpdatedAt"), number(node, "versionNumber", 0),
                number(node, "executionNumber", 0));
    }

    JobExecutionUpdated updated(JsonNode body) {
        JsonNode document = body.get("jobDocument");
        return new JobExecutionUpdated(state(body.get("executionState")), document, epochSeconds(body, "timestamp"),
                text(body, "clientToken"));
    }

    NextJobExecutionChanged nextChanged(JsonNode body) {
        return new NextJobExecutionChanged(execution(body.get("execution")), epochSeconds(body, "timestamp"));
    }

    JobExecutionsChanged executionsChanged(JsonNode body) {
        Map<JobStatus, List<JobExecutionSummary>> jobs = new EnumMap<>(JobStatus.class);
        JsonNode byStatus = body.path("jobs");
        for (Map.Entry<String, JsonNode> entry : byStatus.properties()) {
            jobs.put(JobStatus.of(entry.getKey()), summaries(entry.getValue()));
        }
        return new JobExecutionsChanged(jobs, epochSeconds(body, "timestamp"));
    }

    static JobExecutionState state(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new JobExecutionState(JobStatus.of(text(node, "status")), details(node.get("statusDetails")),
                number(node, "versionNumber", 0));
    }

    private static List<JobExecutionSummary> summaries(JsonNode array) {
        List<JobExecutionSummary> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode node : array) {
                list.add(new JobExecutionSummary(text(node, "jobId"), epochSeconds(node, "queuedAt"),
                        epochSeconds(node, "startedAt"), epochSeconds(node, "lastUpdatedAt"),
                        number(node, "versionNumber", 0), number(node, "executionNumber", 0)));
            }
        }
        return list;
    }

    private static Map<String, String> details(JsonNode node) {
        Map<String, String> details = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                details.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return details;
    }

    /** The exception for a {@code /rejected} reply. */
    static JobsException rejection(String operation, ServiceMessage reply) {
        JsonNode body = reply.body();
        return new JobsException(operation, text(body, "code"), text(body, "message"), text(body, "clientToken"),
                epochSeconds(body, "timestamp"), state(body.get("executionState")));
    }
}
