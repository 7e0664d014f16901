package dev.mqtt5.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.provisioning.CsrGenerator;
import dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient;
import dev.mqtt5.aws.iot.provisioning.ProvisionedIdentity;
import dev.mqtt5.aws.iot.provisioning.ProvisioningException;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.util.StringUtils;

/**
 * Fleet Provisioning by claim before the application's client is built
 * ({@code aws.iot.mqtt5.provisioning.*}): with no identity in the directory, a client connects
 * with the claim certificate, provisions, and the new certificate, private key (owner-only file)
 * and thing name are stored; then the properties point mutual TLS at the stored identity and the
 * client id, when not set, at the thing. Only loaded when provisioning is configured, so the
 * auto-configuration needs {@code mqtt5-aws-iot} only then.
 */
final class FleetProvisioningAtStartup {

    static final String CERTIFICATE = "certificate.pem.crt";

    static final String PRIVATE_KEY = "private.pem.key";

    static final String THING_NAME = "thing-name";

    private static final String P = "aws.iot.mqtt5.provisioning.";

    private static final Log logger = LogFactory.getLog(FleetProvisioningAtStartup.class);

    private FleetProvisioningAtStartup() {
    }

    /**
     * Makes sure the directory holds an identity and points {@code properties} at it.
     *
     * @param properties the bound properties; {@code mtls.certificate}, {@code mtls.private-key}
     * and a blank {@code client-id} are set here
     * @param claimOptions builds the options of a client from the properties, with the given
     * lifecycle listener and none of the application's listeners or customizers
     */
    static void prepare(Mqtt5Properties properties,
            Function<LifecycleListener, Mqtt5ClientOptions> claimOptions) {
        Mqtt5ProvisioningProperties provisioning = properties.getProvisioning();
        if (provisioning.getDirectory() == null) {
            throw new InvalidMqtt5PropertyException(P + "directory", "is required with provisioning.template-name",
                    "Set it to a directory the application may write, where the provisioned identity is kept.");
        }
        AuthenticationMethod method = Mqtt5PropertiesValidator.validate(properties);
        if (method != AuthenticationMethod.BROKER) {
            throw new InvalidMqtt5PropertyException(method.prefix(), "conflicts with aws.iot.mqtt5.provisioning, which "
                    + "connects with the claim certificate and then with the identity it stores",
                    "Remove the " + method.prefix() + ".* properties.");
        }
        Path directory = provisioning.getDirectory();
        Path certificate = directory.resolve(CERTIFICATE);
        Path privateKey = directory.resolve(PRIVATE_KEY);
        Path thingFile = directory.resolve(THING_NAME);
        String thingName;
        if (Files.isReadable(certificate) && Files.isReadable(privateKey) && Files.isReadable(thingFile)) {
            thingName = read(thingFile);
            logger.info("Fleet provisioning: using the identity of thing '" + thingName + "' stored in " + directory);
        }
        else {
            ProvisionedIdentity identity = provision(properties, provisioning, claimOptions);
            store(identity, directory);
            thingName = identity.thingName();
            logger.info("Fleet provisioning: thing '" + thingName + "' registered with template '"
                    + provisioning.getTemplateName() + "' (certificate " + identity.certificateId()
                    + "); identity stored in " + directory);
        }
        properties.getMtls().setCertificate(new FileSystemResource(certificate));
        properties.getMtls().setPrivateKey(new FileSystemResource(privateKey));
        if (!StringUtils.hasText(properties.getClientId())) {
            properties.setClientId(thingName);
        }
    }

    private static ProvisionedIdentity provision(Mqtt5Properties properties, Mqtt5ProvisioningProperties provisioning,
            Function<LifecycleListener, Mqtt5ClientOptions> claimOptions) {
        Validator.required(provisioning.getClaimCertificate(), P + "claim-certificate");
        Validator.required(provisioning.getClaimPrivateKey(), P + "claim-private-key");
        properties.getMtls().setCertificate(provisioning.getClaimCertificate());
        properties.getMtls().setPrivateKey(provisioning.getClaimPrivateKey());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        StringBuilder lastFailure = new StringBuilder();
        LifecycleListener listener = new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                connected.complete(null);
            }

            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                synchronized (lastFailure) {
                    lastFailure.setLength(0);
                    lastFailure.append(event.cause());
                }
            }
        };
        long deadline = System.nanoTime() + provisioning.getTimeout().toNanos();
        try (Mqtt5Client claim = new Mqtt5Client(claimOptions.apply(listener));
                AwsIotServices services = AwsIotServices.builder(claim).build()) {
            claim.start();
            try {
                connected.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
            catch (Exception ex) {
                String failure;
                synchronized (lastFailure) {
                    failure = (lastFailure.length() > 0) ? lastFailure.toString() : "no answer";
                }
                throw new InvalidMqtt5PropertyException(P + "claim-certificate", "the claim connection did not succeed "
                        + "within " + provisioning.getTimeout() + ": " + failure,
                        "Check the endpoint, the claim certificate and its policy (iot:Connect).", null);
            }
            FleetProvisioningClient client = services.fleetProvisioning();
            CompletableFuture<ProvisionedIdentity> identity = (provisioning
                .getKeyGeneration() == Mqtt5ProvisioningProperties.KeyGeneration.DEVICE)
                    ? client.provisionWithCsr(provisioning.getTemplateName(), provisioning.getParameters(),
                            CsrGenerator.KeyType.EC_P256)
                    : client.provisionWithNewKeys(provisioning.getTemplateName(), provisioning.getParameters());
            try {
                return identity.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
            catch (Exception ex) {
                Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
                String what = (cause instanceof ProvisioningException) ? "was rejected: " : "failed: ";
                throw new InvalidMqtt5PropertyException(P + "template-name", "Fleet Provisioning with template '"
                        + provisioning.getTemplateName() + "' " + what + cause.getMessage(),
                        "Check the template name, its parameters (aws.iot.mqtt5.provisioning.parameters.*) and the "
                                + "claim certificate's policy (iot:Publish and iot:Receive on $aws/certificates/* and "
                                + "$aws/provisioning-templates/*).", null);
            }
            finally {
                claim.stop().get(5, TimeUnit.SECONDS);
            }
        }
        catch (InvalidMqtt5PropertyException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException("Fleet provisioning failed: " + ex, ex);
        }
        finally {
            properties.getMtls().setCertificate(null);
            properties.getMtls().setPrivateKey(null);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Writes each file whole (temporary file, then renamed), the private key readable by its owner only. */
    private static void store(ProvisionedIdentity identity, Path directory) {
        try {
            Files.createDirectories(directory);
            write(directory, CERTIFICATE, identity.certificatePem(), false);
            write(directory, PRIVATE_KEY, identity.privateKeyPem(), true);
            write(directory, THING_NAME, identity.thingName(), false);
        }
        catch (IOException ex) {
            throw new InvalidMqtt5PropertyException(P + "directory", "cannot store the provisioned identity in "
                    + directory + ": " + ex.getMessage(),
                    "Make the directory writable by the application; the thing is registered, and provisioning "
                            + "again makes a new certificate.", null);
        }
    }

    private static void write(Path directory, String name, String content, boolean secret) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = (posix && secret)
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + name, ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        catch (IOException ex) {
            throw new InvalidMqtt5PropertyException(P + "directory", "cannot read " + file + ": " + ex.getMessage(),
                    "Make the directory readable by the application.", null);
        }
    }

    /** Required-property checks, as the validator words them. */
    private static final class Validator {

        static void required(Object value, String property) {
            if (value == null) {
                throw new InvalidMqtt5PropertyException(property, "is required to provision (no identity is stored yet)",
                        "Set it to the claim certificate's PEM file (file:..., classpath:...).");
            }
        }
    }
}
