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

    /** The AWS IoT builder itself refers to the SDK's credentials types. */
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

    /** The client reads PEM certificates and keys with Bouncy Castle. */
    private static final Library BOUNCY_CASTLE = new Library("org.bouncycastle.openssl.PEMParser",
            "org.bouncycastle:bcpkix-jdk18on");

    private AuthenticationLibraries() {
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
                            + " (versions from the AWS SDK and Bouncy Castle BOMs), or remove the " + method.prefix()
                            + ".* properties.");
        }
    }

    private static List<Library> needs(AuthenticationMethod method) {
        return switch (method) {
            case MTLS, PKCS11 -> List.of(AWS_AUTH, BOUNCY_CASTLE);
            case PKCS12, CUSTOM_AUTHORIZER -> List.of(AWS_AUTH);
            case SIGV4 -> List.of(AWS_AUTH, AWS_SIGNER);
            case COGNITO -> List.of(AWS_AUTH, AWS_SIGNER, AWS_REGIONS, COGNITO, URL_CONNECTION);
            case BROKER -> List.of();
        };
    }
}
