package dev.mqtt5.sample;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "From outside": sets a thermostat's desired target in its shadow, and queues a set-mode job.
 * A target outside 5 to 35 °C, or no mode, is answered 400.
 *
 * <pre>
 * curl -X POST localhost:8080/thermostats/thermostat-2/target -H 'Content-Type: application/json' -d '{"target":23.5}'
 * curl -X POST localhost:8080/thermostats/thermostat-1/jobs/set-mode -H 'Content-Type: application/json' -d '{"mode":"eco"}'
 * </pre>
 */
@RestController
class ThermostatController {

    private final ThermostatShadows shadows;

    private final SetModeJobs jobs;

    ThermostatController(ThermostatShadows shadows, SetModeJobs jobs) {
        this.shadows = shadows;
        this.jobs = jobs;
    }

    /** Updates the desired state of the thermostat's shadow; answers with the shadow's new version. */
    @PostMapping("/thermostats/{id}/target")
    ResponseEntity<Map<String, Object>> setTarget(@PathVariable String id, @Valid @RequestBody Messages.TargetRequest request)
            throws Exception {
        long version = this.shadows.setDesiredTarget(id, request.target()).get(30, TimeUnit.SECONDS);
        return ResponseEntity.accepted().body(Map.of("thing", id, "desired", Map.of("target", request.target()),
                "version", version));
    }

    /** Creates a set-mode job on the emulator; on AWS IoT Core, answers how to create it with the AWS CLI. */
    @PostMapping("/thermostats/{id}/jobs/set-mode")
    ResponseEntity<Map<String, Object>> setMode(@PathVariable String id, @Valid @RequestBody Messages.SetModeRequest request) {
        Optional<String> jobId = this.jobs.queue(id, request.mode());
        if (jobId.isEmpty()) {
            String document = "{\"operation\":\"set-mode\",\"thermostat\":\"" + id + "\",\"mode\":\"" + request.mode()
                    + "\"}";
            return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(Map.of("message",
                    "no AWS IoT emulator here: jobs are created with AWS IoT's control plane", "command",
                    "aws iot create-job --job-id mode-$(date +%s) --targets arn:aws:iot:<region>:<account>:thing/"
                            + this.jobs.thingName() + " --document '" + document + "'"));
        }
        return ResponseEntity.accepted().body(Map.of("jobId", jobId.get(), "thing", this.jobs.thingName(),
                "document", new Messages.SetModeJob("set-mode", id, request.mode())));
    }
}
