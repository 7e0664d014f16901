package dev.mqtt5.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.ClassUtils;

/**
 * Checks that the optional libraries an AWS IoT authentication method needs are on the
 * classpath, so that a missing jar fails startup naming the property group and the dependency to
 * add, instead of a {@link NoClassDefFoundError} from the client.
 */
final class AuthenticationLibraries {

    private record Library(String className, String artifact) {
    }

    /** The SigV4 signer takes its credentials from the SDK's credentials providers. */
    private static final Library AWS_AUTH = new Library("software.amazon.awssdk.auth.credentials.AwsCredentialsProvider",
            "software.amazon.awssdk:auth");

    private static final Library AWS_SIGNER = new Library("software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner",
            "software.amazon.awssdk:http-auth-aws");

    private static final Library AWS_REGIONS = new Library("software.amazon.awssdk.regions.Region",
            "software.amazon.awssdk:regions");

    private static final Library COGNITO = new Library(
            "software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient",
            "software.amazon.awssdk:cognitoidentity");

    private static final Library URL_CONNECTION = new Library(
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "software.amazon.awssdk:url-connection-client");

    private static final Library AWS_IOT = new Library("dev.mqtt5.aws.iot.AwsIotServices", "dev.mqtt5:mqtt5-aws-iot");

    private static final Library BOUNCY_CASTLE_PKIX = new Library(
            "org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder", "org.bouncycastle:bcpkix-jdk18on");

    private AuthenticationLibraries() {
    }

    /**
     * Fails unless fleet provisioning's libraries can be loaded: the AWS IoT services and, for a
     * key made on the device, Bouncy Castle's CSR support.
     *
     * @throws InvalidMqtt5PropertyException naming {@code aws.iot.mqtt5.provisioning} and the missing artifacts
     */
    static void requireProvisioning(Mqtt5ProvisioningProperties provisioning, ClassLoader classLoader) {
        List<Library> needed = (provisioning.getKeyGeneration() == Mqtt5ProvisioningProperties.KeyGeneration.DEVICE)
                ? List.of(AWS_IOT, BOUNCY_CASTLE_PKIX) : List.of(AWS_IOT);
        List<String> missing = needed.stream()
            .filter((library) -> !ClassUtils.isPresent(library.className(), classLoader))
            .map(Library::artifact)
            .toList();
        if (!missing.isEmpty()) {
            throw new InvalidMqtt5PropertyException("aws.iot.mqtt5.provisioning",
                    "needs " + String.join(", ", missing) + " on the classpath",
                    "Add " + String.join(" and ", missing) + ((missing.contains(BOUNCY_CASTLE_PKIX.artifact()))
                            ? ", or set aws.iot.mqtt5.provisioning.key-generation=aws to let AWS IoT make the key." : "."));
        }
    }

    /**
     * Fails unless every library {@code method} needs can be loaded by {@code classLoader}.
     *
     * @throws InvalidMqtt5PropertyException naming the method's property group and the missing artifacts
     */
    static void require(AuthenticationMethod method, ClassLoader classLoader) {
        List<Library> needed = needs(method);
        List<String> missing = new ArrayList<>();
        for (Library library : needed) {
            if (!ClassUtils.isPresent(library.className(), classLoader)) {
                missing.add(library.artifact());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidMqtt5PropertyException(method.prefix(),
                    "needs " + String.join(", ", missing) + " on the classpath",
                    "Add the dependencies " + String.join(", ", needed.stream().map(Library::artifact).toList())
                            + " (versions from the AWS SDK BOM), or remove the " + method.prefix()
                            + ".* properties.");
        }
    }

    /**
     * Only the SigV4 methods need the AWS SDK: the AWS IoT builder loads without it (no SDK type is
     * linked outside the SigV4 signer), and neither mutual TLS (PEM read by Spring Boot's reader, or
     * an SSL bundle), PKCS#12 (the JDK's key store), PKCS#11 (the JDK's SunPKCS11, its certificate
     * read by the JDK), a Java key store nor a custom authorizer (a user name and password) needs it. Bouncy Castle is
     * needed only for a legacy OpenSSL-encrypted mtls.private-key, which the mtls mapping checks.
     */
    private static List<Library> needs(AuthenticationMethod method) {
        return switch (method) {
            case MTLS, PKCS11, PKCS12, JAVA_KEYSTORE, CUSTOM_AUTHORIZER -> List.of();
            case SIGV4 -> List.of(AWS_AUTH, AWS_SIGNER);
            case COGNITO -> List.of(AWS_AUTH, AWS_SIGNER, AWS_REGIONS, COGNITO, URL_CONNECTION);
            case BROKER -> List.of();
        };
    }
}
