package dev.mqtt5.aws.iot.emulator;

import java.io.IOException;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.mqtt5.aws.iot.emulator.Json.InvalidRequestJsonException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated AWS IoT Fleet Provisioning MQTT API (JSON payloads), with certificates signed by
 * the emulator's {@link CertificateAuthority}.
 *
 * <p>Emulated: CreateKeysAndCertificate ({@code $aws/certificates/create/json}: a new RSA 2048 key
 * pair and certificate, answered with {@code certificateId}, {@code certificatePem},
 * {@code privateKey} and {@code certificateOwnershipToken}); CreateCertificateFromCsr
 * ({@code $aws/certificates/create-from-csr/json}: signs the device's PKCS#10
 * {@code certificateSigningRequest} after checking its signature); RegisterThing
 * ({@code $aws/provisioning-templates/<template>/provision/json}: takes a
 * {@code certificateOwnershipToken} this service issued and {@code parameters}, names the thing
 * from the {@link ProvisioningTemplate} registered from Java and answers {@code deviceConfiguration}
 * and {@code thingName}). Errors are {@code {statusCode, errorCode, errorMessage}}; the AWS guide
 * does not list the error codes, so these are the emulator's: 400 InvalidPayload, 400 InvalidCSR,
 * 400 InvalidCertificateOwnershipToken, 400 InvalidParameters (a parameter the template needs is
 * missing), 404 ResourceNotFound (no such template), 429 Throttled and 500 InternalFailure.
 *
 * <p>Not emulated: the CBOR topics, ownership tokens' one-hour expiry, certificate status
 * (PENDING_ACTIVATION, ACTIVE), policies, pre-provisioning hooks, and the response going to the
 * requesting connection only.
 *
 * <p>Thread-safe.
 */
public final class FleetProvisioningService {

    private final ServicePublisher publisher;

    private final Supplier<CertificateAuthority> authoritySupplier;

    private volatile CertificateAuthority authority;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, ProvisioningTemplate> templates = new HashMap<>();

    private final Map<String, String> certificateIdsByToken = new HashMap<>();

    private final Map<String, String> things = new LinkedHashMap<>();

    FleetProvisioningService(ServicePublisher publisher, Supplier<CertificateAuthority> authority) {
        this.publisher = publisher;
        this.authoritySupplier = authority;
    }

    /**
     * Registers (or replaces) a provisioning template.
     *
     * @param template the template
     */
    public synchronized void registerTemplate(ProvisioningTemplate template) {
        Objects.requireNonNull(template, "template must not be null");
        this.templates.put(template.name(), template);
    }

    /**
     * Returns the things provisioned so far with the id of their certificate.
     *
     * @return thing name to certificate id, in the order provisioned
     */
    public synchronized Map<String, String> provisionedThings() {
        return Map.copyOf(this.things);
    }

    /**
     * The CA that signs the certificates this service creates; made the first time it is needed
     * (this call or the first provisioning request), not when the emulator starts: an RSA key takes
     * a few hundred milliseconds of CPU, which an application's start on a small machine feels.
     *
     * @return the emulator's CA
     */
    public CertificateAuthority certificateAuthority() {
        CertificateAuthority made = this.authority;
        if (made == null) {
            synchronized (this.authoritySupplier) {
                made = this.authority;
                if (made == null) {
                    made = this.authoritySupplier.get();
                    this.authority = made;
                }
            }
        }
        return made;
    }

    void handle(ServiceRequest request) {
        String[] levels = request.topic().split("/", -1);
        try {
            ObjectNode payload;
            try {
                payload = Json.parseRequest(request.payload());
            } catch (InvalidRequestJsonException ex) {
                throw new ProvisioningException(400, "InvalidPayload", "The payload is not a JSON object");
            }
            ObjectNode response;
            if (request.topic().equals("$aws/certificates/create/json")) {
                response = createKeysAndCertificate();
            } else if (request.topic().equals("$aws/certificates/create-from-csr/json")) {
                response = createCertificateFromCsr(payload);
            } else if (levels.length == 5 && levels[1].equals("provisioning-templates") && levels[3].equals("provision")
                    && levels[4].equals("json")) {
                response = registerThing(levels[2], payload);
            } else {
                return;
            }
            this.publisher.publish(request.accepted(), response, request.responseQos());
        } catch (ProvisioningException ex) {
            reject(request, ex.statusCode, ex.errorCode, ex.getMessage());
        }
    }

    void reject(ServiceRequest request, int statusCode, String errorCode, String errorMessage) {
        ObjectNode error = Json.object().put("statusCode", statusCode).put("errorCode", errorCode)
                .put("errorMessage", errorMessage);
        this.publisher.publish(request.rejected(), error, request.responseQos());
    }

    private ObjectNode createKeysAndCertificate() {
        KeyPair keyPair = CertificateAuthority.newKeyPair();
        X509Certificate certificate = certificateAuthority().issue(keyPair.getPublic(), new X500Name("CN=AWS IoT Certificate"));
        ObjectNode response = certificateResponse(certificate);
        response.put("privateKey", CertificateAuthority.pem(keyPair.getPrivate()));
        return response;
    }

    private ObjectNode createCertificateFromCsr(ObjectNode payload) throws ProvisioningException {
        JsonNode csrPem = payload.get("certificateSigningRequest");
        if (csrPem == null || !csrPem.isString()) {
            throw new ProvisioningException(400, "InvalidPayload", "certificateSigningRequest is required");
        }
        JcaPKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem.asString()))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PKCS10CertificationRequest request)) {
                throw new ProvisioningException(400, "InvalidCSR", "certificateSigningRequest is not a PEM PKCS#10 request");
            }
            csr = new JcaPKCS10CertificationRequest(request);
            // The key by its algorithm's name (EC, RSA): the JDK has no key factory under the EC key's OID,
            // which getPublicKey() and a verifier built from the SubjectPublicKeyInfo ask for.
            java.security.PublicKey publicKey = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPublicKey(csr.getSubjectPublicKeyInfo());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new ProvisioningException(400, "InvalidCSR", "the CSR's signature does not verify");
            }
            X509Certificate certificate = certificateAuthority().issue(publicKey, csr.getSubject());
            return certificateResponse(certificate);
        } catch (ProvisioningException ex) {
            throw ex;
        } catch (IOException | RuntimeException
                | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException ex) {
            throw new ProvisioningException(400, "InvalidCSR", "certificateSigningRequest cannot be read: " + ex.getMessage());
        }
    }

    private synchronized ObjectNode certificateResponse(X509Certificate certificate) {
        String certificateId = CertificateAuthority.certificateId(certificate);
        byte[] token = new byte[48];
        this.random.nextBytes(token);
        String ownershipToken = Base64.getEncoder().encodeToString(token);
        this.certificateIdsByToken.put(ownershipToken, certificateId);
        return Json.object().put("certificateId", certificateId)
                .put("certificatePem", CertificateAuthority.pem(certificate))
                .put("certificateOwnershipToken", ownershipToken);
    }

    private synchronized ObjectNode registerThing(String templateName, ObjectNode payload) throws ProvisioningException {
        ProvisioningTemplate template = this.templates.get(templateName);
        if (template == null) {
            throw new ProvisioningException(404, "ResourceNotFound", "No provisioning template named " + templateName);
        }
        JsonNode token = payload.get("certificateOwnershipToken");
        if (token == null || !token.isString()) {
            throw new ProvisioningException(400, "InvalidPayload", "certificateOwnershipToken is required");
        }
        String certificateId = this.certificateIdsByToken.get(token.asString());
        if (certificateId == null) {
            throw new ProvisioningException(400, "InvalidCertificateOwnershipToken",
                    "The certificate ownership token is not valid");
        }
        Map<String, String> parameters = new HashMap<>();
        JsonNode given = payload.get("parameters");
        if (given != null && given.isObject()) {
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                parameters.put(entry.getKey(), entry.getValue().asString());
            }
        }
        parameters.put("AWS::IoT::Certificate::Id", certificateId);
        String thingName;
        try {
            thingName = template.thingName(parameters);
        } catch (IllegalArgumentException ex) {
            throw new ProvisioningException(400, "InvalidParameters", ex.getMessage());
        }
        this.things.put(thingName, certificateId);
        ObjectNode response = Json.object();
        ObjectNode configuration = response.putObject("deviceConfiguration");
        template.deviceConfiguration().forEach(configuration::put);
        return response.put("thingName", thingName);
    }

    /** A rejected provisioning request. */
    private static final class ProvisioningException extends Exception {

        private static final long serialVersionUID = 1L;

        private final int statusCode;

        private final String errorCode;

        ProvisioningException(int statusCode, String errorCode, String message) {
            super(message, null, false, false);
            this.statusCode = statusCode;
            this.errorCode = errorCode;
        }
    }
}
