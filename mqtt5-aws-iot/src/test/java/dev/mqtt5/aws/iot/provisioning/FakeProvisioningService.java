package dev.mqtt5.aws.iot.provisioning;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;

import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.client.testing.TestCertificates;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fleet Provisioning as AWS documents it, on a {@link ScriptedResponder}: certificates signed by
 * the test CA (for a new key pair, or for the public key of a CSR), ownership tokens, RegisterThing
 * with a template, and rejections with statusCode, errorCode and errorMessage.
 */
final class FakeProvisioningService {

    private final ScriptedResponder responder;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger certificates = new AtomicInteger();
    private volatile Duration replyDelay = Duration.ZERO;

    FakeProvisioningService(ScriptedResponder responder, String templateName) {
        this.responder = responder;
        responder.on("$aws/certificates/create/json", request -> later(() -> createKeys(request)));
        responder.on("$aws/certificates/create-from-csr/json", request -> later(() -> createFromCsr(request)));
        responder.on("$aws/provisioning-templates/" + templateName + "/provision/json",
                request -> later(() -> register(request, templateName)));
    }

    void replyDelay(Duration delay) {
        this.replyDelay = delay;
    }

    private void later(Runnable action) {
        if (replyDelay.isZero()) {
            action.run();
        } else {
            responder.later(replyDelay, action);
        }
    }

    private void createKeys(Request request) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            accept("$aws/certificates/create/json", keys.getPublic(), DeviceCsr.pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void createFromCsr(Request request) {
        try (PEMParser parser = new PEMParser(new StringReader(request.body().get("certificateSigningRequest")
                .asString()))) {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest((PKCS10CertificationRequest)
                    parser.readObject());
            accept("$aws/certificates/create-from-csr/json", csr.getPublicKey(), null);
        } catch (Exception e) {
            responder.reply("$aws/certificates/create-from-csr/json/rejected", object().put("statusCode", 400)
                    .put("errorCode", "InvalidCSR").put("errorMessage", "cannot read the CSR"));
        }
    }

    private void accept(String topic, java.security.PublicKey publicKey, String privateKeyPem) throws Exception {
        int serial = certificates.incrementAndGet();
        String token = "ownership-" + UUID.randomUUID();
        tokens.add(token);
        ObjectNode reply = object().put("certificateId", "cert-" + serial)
                .put("certificatePem", DeviceCsr.pem("CERTIFICATE", sign(publicKey, serial).getEncoded()))
                .put("certificateOwnershipToken", token);
        if (privateKeyPem != null) {
            reply.put("privateKey", privateKeyPem);
        }
        responder.reply(topic + "/accepted", reply);
    }

    private static X509Certificate sign(java.security.PublicKey publicKey, int serial) throws Exception {
        TestCertificates.Issued ca = TestCertificates.get().ca();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                BigInteger.valueOf(serial), Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                new X500Principal("CN=AWS IoT Certificate"), publicKey);
        String algorithm = ca.privateKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
    }

    private void register(Request request, String templateName) {
        String token = request.body().path("certificateOwnershipToken").asString();
        String topic = "$aws/provisioning-templates/" + templateName + "/provision/json";
        if (!tokens.remove(token)) {
            responder.reply(topic + "/rejected", object().put("statusCode", 400)
                    .put("errorCode", "InvalidCertificateOwnershipToken")
                    .put("errorMessage", "Certificate ownership token is invalid or expired"));
            return;
        }
        String serial = request.body().path("parameters").path("SerialNumber").asString();
        ObjectNode reply = object().put("thingName", "device-" + serial);
        ObjectNode configuration = reply.putObject("deviceConfiguration");
        for (Map.Entry<String, String> entry : Map.of("fleet", "blue", "region", "eu").entrySet()) {
            configuration.put(entry.getKey(), entry.getValue());
        }
        responder.reply(topic + "/accepted", reply);
    }
}
