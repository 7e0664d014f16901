package dev.mqtt5.aws.iot.provisioning;

import static dev.mqtt5.aws.iot.internal.ServiceJson.number;
import static dev.mqtt5.aws.iot.internal.ServiceJson.text;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.ServiceMessage;
import dev.mqtt5.aws.iot.rr.ServiceRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fleet Provisioning by claim, over MQTT (JSON payloads): a device connected with a claim
 * certificate obtains a certificate of its own and registers a thing through a provisioning
 * template. Either AWS creates the key pair ({@link #createKeysAndCertificate()}), or the device
 * makes one and sends only a CSR ({@link #createCertificateFromCsr}; the private key never leaves
 * the device). {@link #provisionWithNewKeys} and {@link #provisionWithCsr} run the whole flow.
 *
 * <p>Replies of this service carry no client token, so the request-response client sends one
 * request at a time per operation (a second waits for the first's reply). Futures complete on the
 * request-response client's callback executor: normally with the accepted reply, exceptionally
 * with {@link ProvisioningException} when the service rejects the request, or with the core's
 * {@code RequestTimeoutException} / {@code RequestFailedException}. Nothing here logs keys or
 * ownership tokens. Thread-safe.
 */
public final class FleetProvisioningClient {

    private static final String CREATE_KEYS = "$aws/certificates/create/json";
    private static final String CREATE_FROM_CSR = "$aws/certificates/create-from-csr/json";

    private final RequestResponseClient rr;

    private FleetProvisioningClient(RequestResponseClient rr) {
        this.rr = Objects.requireNonNull(rr, "rr must not be null");
    }

    /**
     * A provisioning client.
     *
     * @param rr the request-response client to send through (its MQTT client connected with the claim certificate)
     * @return the provisioning client
     */
    public static FleetProvisioningClient create(RequestResponseClient rr) {
        return new FleetProvisioningClient(rr);
    }

    /**
     * Asks AWS IoT for a new key pair and certificate (CreateKeysAndCertificate).
     *
     * @return the certificate, its private key and its ownership token
     */
    public CompletableFuture<CreatedCertificate> createKeysAndCertificate() {
        return request("CreateKeysAndCertificate request", CREATE_KEYS, rr.mapper().createObjectNode(),
                reply -> certificate(reply.body(), text(reply.body(), "privateKey")));
    }

    /**
     * Asks AWS IoT for a certificate for the device's own key (CreateCertificateFromCsr).
     *
     * @param csrPem the PKCS#10 request, PEM (see {@link CsrGenerator})
     * @return the certificate and its ownership token; {@code privateKeyPem} is null
     */
    public CompletableFuture<CreatedCertificate> createCertificateFromCsr(String csrPem) {
        Objects.requireNonNull(csrPem, "csrPem must not be null");
        ObjectNode payload = rr.mapper().createObjectNode().put("certificateSigningRequest", csrPem);
        return request("CreateCertificateFromCsr request", CREATE_FROM_CSR, payload,
                reply -> certificate(reply.body(), null));
    }

    /**
     * Registers the thing through a provisioning template (RegisterThing), which activates the
     * certificate of the ownership token.
     *
     * @param templateName the provisioning template's name
     * @param certificateOwnershipToken the token from one of the create operations
     * @param parameters the template's parameters, such as {@code SerialNumber}
     * @return the thing's name and the device configuration
     */
    public CompletableFuture<RegisteredThing> registerThing(String templateName, String certificateOwnershipToken,
            Map<String, String> parameters) {
        Objects.requireNonNull(templateName, "templateName must not be null");
        Objects.requireNonNull(certificateOwnershipToken, "certificateOwnershipToken must not be null");
        if (templateName.isEmpty() || templateName.contains("/") || templateName.contains("+")
                || templateName.contains("#")) {
            throw new IllegalArgumentException("templateName must be a non-empty name without '/', '+' or '#', was '"
                    + templateName + "'");
        }
        ObjectNode payload = rr.mapper().createObjectNode().put("certificateOwnershipToken", certificateOwnershipToken);
        ObjectNode params = payload.putObject("parameters");
        if (parameters != null) {
            parameters.forEach(params::put);
        }
        return request("RegisterThing request of template '" + templateName + "'",
                "$aws/provisioning-templates/" + templateName + "/provision/json", payload, reply -> {
                    Map<String, String> configuration = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> entry : reply.body().path("deviceConfiguration").properties()) {
                        configuration.put(entry.getKey(), entry.getValue().asString());
                    }
                    return new RegisteredThing(text(reply.body(), "thingName"), configuration);
                });
    }

    /**
     * Provisions with a key pair AWS IoT creates: CreateKeysAndCertificate, then RegisterThing.
     *
     * @param templateName the provisioning template's name
     * @param parameters the template's parameters
     * @return the new identity
     */
    public CompletableFuture<ProvisionedIdentity> provisionWithNewKeys(String templateName,
            Map<String, String> parameters) {
        return createKeysAndCertificate().thenCompose(created -> register(templateName, parameters, created));
    }

    /**
     * Provisions with a key pair made on the device: a CSR is generated here (see
     * {@link CsrGenerator}), CreateCertificateFromCsr, then RegisterThing. Needs Bouncy Castle.
     *
     * @param templateName the provisioning template's name
     * @param parameters the template's parameters
     * @param keyType the kind of key to generate
     * @return the new identity, with the device's private key
     */
    public CompletableFuture<ProvisionedIdentity> provisionWithCsr(String templateName, Map<String, String> parameters,
            CsrGenerator.KeyType keyType) {
        DeviceCsr csr = CsrGenerator.generate("CN=fleet-provisioned-device", keyType);
        return createCertificateFromCsr(csr.csrPem()).thenCompose(created -> register(templateName, parameters,
                new CreatedCertificate(created.certificateId(), created.certificatePem(), csr.privateKeyPem(),
                        created.certificateOwnershipToken())));
    }

    private CompletableFuture<ProvisionedIdentity> register(String templateName, Map<String, String> parameters,
            CreatedCertificate created) {
        return registerThing(templateName, created.certificateOwnershipToken(), parameters)
                .thenApply(thing -> new ProvisionedIdentity(created.certificateId(), created.certificatePem(),
                        created.privateKeyPem(), thing.thingName(), thing.deviceConfiguration()));
    }

    private static CreatedCertificate certificate(JsonNode body, String privateKey) {
        return new CreatedCertificate(text(body, "certificateId"), text(body, "certificatePem"), privateKey,
                text(body, "certificateOwnershipToken"));
    }

    private <T> CompletableFuture<T> request(String operation, String topic, ObjectNode payload,
            Function<ServiceMessage, T> decode) {
        return rr.submit(ServiceRequest.uncorrelated(topic, payload)).thenApply(reply -> {
            JsonNode body = reply.body();
            if (reply.rejected()) {
                throw new ProvisioningException(operation, (int) number(body, "statusCode", -1),
                        text(body, "errorCode"), text(body, "errorMessage"));
            }
            return decode.apply(reply);
        });
    }

    @Override
    public String toString() {
        return "FleetProvisioningClient";
    }
}
