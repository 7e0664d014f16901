package dev.mqtt5.aws.iot;

import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient;
import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.RequestResponseOptions;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.client.Mqtt5Client;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AWS IoT services of one MQTT connection: Device Shadow, Jobs and Fleet Provisioning, sharing
 * one {@link RequestResponseClient} and so one subscription budget.
 *
 * <pre>{@code
 * AwsIotServices services = AwsIotServices.builder(client).build();
 * ShadowClient shadow = services.shadow("lamp-1");
 * shadow.update(ShadowUpdate.reported(new Lamp("red", 80))).join();
 * }</pre>
 *
 * <p>Thread-safe. Closing it fails pending requests and closes streams; the MQTT client stays the
 * caller's, open.
 */
public final class AwsIotServices implements AutoCloseable {

    private final RequestResponseClient requestResponse;

    private AwsIotServices(RequestResponseClient requestResponse) {
        this.requestResponse = requestResponse;
    }

    /**
     * A builder for the services of an MQTT client (started or not; connected to AWS IoT Core).
     *
     * @param client the MQTT client
     * @return a new builder
     */
    public static Builder builder(Mqtt5Client client) {
        return new Builder(Objects.requireNonNull(client, "client must not be null"));
    }

    /**
     * The classic (unnamed) shadow of a thing.
     *
     * @param thingName the thing's name
     * @return its shadow client
     */
    public ShadowClient shadow(String thingName) {
        return ShadowClient.classic(requestResponse, thingName);
    }

    /**
     * A named shadow of a thing.
     *
     * @param thingName the thing's name
     * @param shadowName the shadow's name
     * @return its shadow client
     */
    public ShadowClient namedShadow(String thingName, String shadowName) {
        return ShadowClient.named(requestResponse, thingName, shadowName);
    }

    /**
     * The Jobs service of a thing.
     *
     * @param thingName the thing's name
     * @return its jobs client
     */
    public JobsClient jobs(String thingName) {
        return JobsClient.forThing(requestResponse, thingName);
    }

    /**
     * Fleet Provisioning by claim.
     *
     * @return the provisioning client
     */
    public FleetProvisioningClient fleetProvisioning() {
        return FleetProvisioningClient.create(requestResponse);
    }

    /**
     * The request-response client the services share, for services this library does not cover.
     *
     * @return the request-response client
     */
    public RequestResponseClient requestResponse() {
        return requestResponse;
    }

    /** Fails pending requests and closes streams (see {@link RequestResponseClient#close()}); idempotent. */
    @Override
    public void close() {
        requestResponse.close();
    }

    /** Builds {@link AwsIotServices}; not thread-safe. */
    public static final class Builder {

        private final Mqtt5Client client;
        private JsonMapper jsonMapper;
        private RequestResponseOptions options;

        private Builder(Mqtt5Client client) {
            this.client = client;
        }

        /**
         * Sets the mapper of the JSON documents and of the caller's state types (default: a plain {@link JsonMapper}).
         *
         * @param jsonMapper the mapper, or null for the default
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /**
         * Sets the subscription budget, operation timeout and callback executor (default:
         * {@link RequestResponseOptions#defaults()}).
         *
         * @param options the options, or null for the defaults
         * @return this builder
         */
        public Builder requestResponseOptions(RequestResponseOptions options) {
            this.options = options;
            return this;
        }

        /**
         * Builds the services; they start listening to the client's lifecycle now.
         *
         * @return the services
         */
        public AwsIotServices build() {
            return new AwsIotServices(RequestResponseClient.create(client, jsonMapper, options));
        }
    }
}
