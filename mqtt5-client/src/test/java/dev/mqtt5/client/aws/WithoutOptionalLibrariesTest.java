package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The AWS builder in a class loader without the AWS SDK and without Bouncy Castle: mutual TLS with
 * a PKCS#8 key (which the JDK reads) and custom authorizers build; a PKCS#1 key fails naming the
 * missing library; SigV4, which needs the SDK, fails with the JVM's own error.
 */
class WithoutOptionalLibrariesTest {

    @Test
    void mutualTlsWithPkcs8KeysAndCustomAuthorizersNeedNeitherTheSdkNorBouncyCastle() throws Exception {
        URLClassLoader loader = new URLClassLoader(classpathWithout("/software/amazon/awssdk/", "/org/bouncycastle/"),
                ClassLoader.getPlatformClassLoader());
        assertThat(loader.getResource("org/bouncycastle/openssl/PEMParser.class")).isNull();
        assertThat(loader.getResource("software/amazon/awssdk/auth/credentials/AwsCredentialsProvider.class")).isNull();
        KeyPair rsa = ClientIdentities.rsa();
        KeyPair ec = ClientIdentities.ec();
        String rsaCertificate = ClientIdentities.pem(ClientIdentities.clientCertificate(rsa.getPublic()));
        String ecCertificate = ClientIdentities.pem(ClientIdentities.clientCertificate(ec.getPublic()));

        assertThat(run(loader, "mtls", rsaCertificate, ClientIdentities.pkcs8(rsa.getPrivate())))
                .isEqualTo("certificate[CN=aws-test-device] RSA");
        assertThat(run(loader, "mtls", ecCertificate, ClientIdentities.pkcs8(ec.getPrivate())))
                .isEqualTo("certificate[CN=aws-test-device] EC");
        // BouncyCastle writes a key pair in the traditional PKCS#1 form ('BEGIN RSA PRIVATE KEY').
        assertThat(run(loader, "mtls", rsaCertificate, ClientIdentities.pem(rsa)))
                .contains("mtls privateKey").contains("PKCS#1 RSA key")
                .contains("needs Bouncy Castle (org.bouncycastle:bcpkix-jdk18on)");
        assertThat(run(loader, "authorizer")).isEqualTo("port 443");
        assertThat(run(loader, "sigv4")).contains("NoClassDefFoundError").contains("AwsCredentialsProvider");
    }

    @SuppressWarnings("unchecked")
    private static String run(ClassLoader loader, String... arguments) throws Exception {
        Class<?> probe = loader.loadClass(Probe.class.getName());
        return ((Function<String[], String>) probe.getDeclaredConstructor().newInstance()).apply(arguments);
    }

    private static URL[] classpathWithout(String... excluded) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        entries:
        for (String entry : classpath.split(File.pathSeparator)) {
            for (String path : excluded) {
                if (entry.contains(path)) {
                    continue entries;
                }
            }
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** Loaded by the class loader without the optional libraries: builds options and describes them, or the failure. */
    public static final class Probe implements Function<String[], String> {

        @Override
        public String apply(String[] arguments) {
            try {
                return switch (arguments[0]) {
                    case "mtls" -> {
                        var tls = AwsIotMqtt5ClientBuilder.mtlsFromMemory("example-ats.iot.eu-west-1.amazonaws.com",
                                arguments[1], arguments[2]).buildOptions().tls();
                        yield "certificate[" + tls.clientCertificateChain().get(0).getSubjectX500Principal().getName()
                                + "] " + tls.clientKey().orElseThrow().getAlgorithm();
                    }
                    case "authorizer" -> "port " + AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(
                            "example-ats.iot.eu-west-1.amazonaws.com", "authorizer", "device", null).buildOptions().port();
                    default -> "port " + AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(
                            "example-ats.iot.eu-west-1.amazonaws.com", "eu-west-1").buildOptions().port();
                };
            } catch (Throwable failure) {
                return failure.toString();
            }
        }
    }
}
