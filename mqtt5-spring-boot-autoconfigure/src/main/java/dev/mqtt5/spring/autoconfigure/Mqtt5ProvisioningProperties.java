package dev.mqtt5.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.Resource;

/**
 * Fleet Provisioning by claim at startup ({@code aws.iot.mqtt5.provisioning}): the first start
 * connects with the claim certificate, obtains a certificate of its own, registers the thing
 * through the template, stores the new identity in the directory, and connects with it; later
 * starts use the stored identity. Needs {@code dev.mqtt5:mqtt5-aws-iot}.
 */
public class Mqtt5ProvisioningProperties {

    /**
     * Name of the fleet provisioning template. Setting it turns provisioning on.
     */
    private String templateName;

    /**
     * Parameters of the template, such as SerialNumber.
     */
    private Map<String, String> parameters = new LinkedHashMap<>();

    /**
     * Directory that holds the provisioned identity (certificate.pem.crt, private.pem.key with
     * owner-only permissions, thing-name). Created if missing.
     */
    private Path directory;

    /**
     * Location of the claim certificate (PEM), used only to provision.
     */
    private Resource claimCertificate;

    /**
     * Location of the claim certificate's private key (PEM).
     */
    private Resource claimPrivateKey;

    /**
     * Who makes the device's key pair: 'device' (a CSR is sent, the private key never leaves
     * the device; needs org.bouncycastle:bcpkix-jdk18on) or 'aws' (CreateKeysAndCertificate).
     */
    private KeyGeneration keyGeneration = KeyGeneration.DEVICE;

    /**
     * Duration the claim connection and the provisioning requests may take in all.
     */
    private Duration timeout = Duration.ofSeconds(60);

    /** Who makes the key pair. */
    public enum KeyGeneration {

        /** The device makes it and sends a certificate signing request. */
        DEVICE,

        /** AWS IoT makes it (CreateKeysAndCertificate) and sends the private key. */
        AWS
    }

    public String getTemplateName() {
        return this.templateName;
    }

    public void setTemplateName(String templateName) {
        this.templateName = templateName;
    }

    public Map<String, String> getParameters() {
        return this.parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public Path getDirectory() {
        return this.directory;
    }

    public void setDirectory(Path directory) {
        this.directory = directory;
    }

    public Resource getClaimCertificate() {
        return this.claimCertificate;
    }

    public void setClaimCertificate(Resource claimCertificate) {
        this.claimCertificate = claimCertificate;
    }

    public Resource getClaimPrivateKey() {
        return this.claimPrivateKey;
    }

    public void setClaimPrivateKey(Resource claimPrivateKey) {
        this.claimPrivateKey = claimPrivateKey;
    }

    public KeyGeneration getKeyGeneration() {
        return this.keyGeneration;
    }

    public void setKeyGeneration(KeyGeneration keyGeneration) {
        this.keyGeneration = keyGeneration;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
