package dev.mqtt5.spring.autoconfigure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.testing.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a JVM whose classpath has no AWS SDK jar at all (not merely hidden from the
 * context, as {@code FilteredClassLoader} does): a plain broker client builds, and an AWS method
 * fails naming the dependency instead of a {@link NoClassDefFoundError}. Mutual TLS needs neither
 * the SDK nor Bouncy Castle: it connects to mosquitto without both.
 */
class WithoutAwsSdkTests {

    @TempDir
    static Path directory;

    @Test
    void mutualTlsConnectsWithoutTheAwsSdkAndWithoutBouncyCastle() throws Exception {
        URLClassLoader bare = new URLClassLoader(classpathWithout("/software/amazon/awssdk/", "/org/bouncycastle/"),
                ClassLoader.getPlatformClassLoader());
        assertThat(bare.getResource("software/amazon/awssdk/auth/credentials/AwsCredentialsProvider.class")).isNull();
        assertThat(bare.getResource("org/bouncycastle/openssl/PEMParser.class")).isNull();
        try (MosquittoBroker broker = MosquittoBroker.builder().mtlsListenerLine("use_identity_as_username true")
            .configLine("connection_messages true").start()) {
            TestCertificates certificates = TestCertificates.get();
            Path ca = write("ca.pem", PemKeys.certificate(certificates.ca().certificate()));
            for (String algorithm : List.of("RSA", "EC")) {
                String name = "no-sdk-" + algorithm.toLowerCase(Locale.ROOT);
                TestCertificates.Issued device = certificates.issueClient(name, algorithm);
                Path certificate = write(name + ".crt", PemKeys.certificate(device.certificate()));
                Path pkcs8 = write(name + ".key", PemKeys.pkcs8(device.privateKey()));
                assertThat(runIn(bare, mtls(broker, ca, certificate, pkcs8, "probe.connect=true")))
                    .isEqualTo("connected");
                assertThat(broker.log()).contains("u'" + name + "'");
                // PKCS#1 and SEC 1 keys are read by Spring Boot's PEM reader, without Bouncy Castle.
                Path traditional = write(name + "-traditional.key", PemKeys.traditional(device.privateKey()));
                assertThat(runIn(bare, mtls(broker, ca, certificate, traditional, "probe.connect=true")))
                    .isEqualTo("connected");
                // So are encrypted PKCS#8 keys.
                Path encrypted = write(name + "-encrypted.key", PemKeys.encryptedPkcs8(device.privateKey(), "k3y-pass"));
                assertThat(runIn(bare, mtls(broker, ca, certificate, encrypted, "aws.iot.mqtt5.mtls.password=k3y-pass")))
                    .startsWith("port ");
            }
            // Only the legacy OpenSSL encryption needs Bouncy Castle.
            TestCertificates.Issued device = certificates.issueClient("legacy", "RSA");
            Path certificate = write("legacy.crt", PemKeys.certificate(device.certificate()));
            Path legacy = write("legacy.key", PemKeys.legacyEncrypted(device.privateKey(), "k3y-pass"));
            assertThat(runIn(bare, mtls(broker, ca, certificate, legacy, "aws.iot.mqtt5.mtls.password=k3y-pass")))
                .isEqualTo("aws.iot.mqtt5.mtls.private-key: is a legacy OpenSSL-encrypted key ('Proc-Type: 4,ENCRYPTED'), "
                        + "which needs org.bouncycastle:bcpkix-jdk18on on the classpath");
        }
    }

    private static String[] mtls(MosquittoBroker broker, Path ca, Path certificate, Path key, String... more) {
        List<String> properties = new ArrayList<>(List.of("aws.iot.mqtt5.endpoint=localhost",
                "aws.iot.mqtt5.port=" + broker.mtlsPort(), "aws.iot.mqtt5.tls.ca=file:" + ca,
                "aws.iot.mqtt5.mtls.certificate=file:" + certificate, "aws.iot.mqtt5.mtls.private-key=file:" + key));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    private static Path write(String name, String content) throws Exception {
        return Files.writeString(directory.resolve(name), content);
    }

    @Test
    void aPlainBrokerClientBuildsAndAnAwsMethodNamesTheMissingDependency() throws Exception {
        // Not closed: the client's shared event loop group in this loader outlives its last client
        // by a few seconds and loads classes as it shuts down; a closed loader makes those threads
        // die with NoClassDefFoundError, which failed an unrelated test's Awaitility await (it
        // reports other threads' uncaught exceptions). The loader goes with the test JVM.
        URLClassLoader withoutSdk = new URLClassLoader(classpathWithoutAwsSdk(), ClassLoader.getPlatformClassLoader());
        assertThat(withoutSdk.getResource("software/amazon/awssdk/auth/credentials/AwsCredentialsProvider.class")).isNull();
        assertThat(runIn(withoutSdk, "aws.iot.mqtt5.endpoint=broker.example")).isEqualTo("port 1883");
        assertThat(runIn(withoutSdk, "aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.sigv4.region=eu-west-1"))
            .isEqualTo("aws.iot.mqtt5.sigv4: needs software.amazon.awssdk:auth, software.amazon.awssdk:http-auth-aws "
                    + "on the classpath");
        // A custom authorizer sends a user name and password: no SDK needed.
        assertThat(runIn(withoutSdk, "aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.custom-authorizer.name=a"))
            .isEqualTo("port 443");
    }

    @Test
    void withOnlyTheAuthJarASigV4ClientBuildsAndItsContextClosesCleanly() throws Exception {
        // SigV4 needs software.amazon.awssdk:auth; Cognito's SDK module is an optional extra.
        URLClassLoader withoutCognito = new URLClassLoader(classpathWithout("/software/amazon/awssdk/cognitoidentity/"),
                ClassLoader.getPlatformClassLoader());
        assertThat(withoutCognito.getResource("software/amazon/awssdk/auth/credentials/AwsCredentialsProvider.class"))
            .isNotNull();
        assertThat(withoutCognito.getResource(
                "software/amazon/awssdk/services/cognitoidentity/CognitoIdentityClient.class")).isNull();
        assertThat(runIn(withoutCognito, "aws.iot.mqtt5.endpoint=prefix-ats.iot.eu-west-1.amazonaws.com",
                "aws.iot.mqtt5.sigv4.region=eu-west-1", "probe.destroy=true"))
            .isEqualTo("port 443, destroyed cleanly");
    }

    @SuppressWarnings("unchecked")
    private static String runIn(ClassLoader classLoader, String... properties) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        // Netty in the second class loader uses NIO: loading its native transport again from another
        // class loader unbinds the natives of the first (UnsatisfiedLinkError in the other tests).
        String noNative = System.setProperty("io.netty.transport.noNative", "true");
        try {
            Class<?> probe = classLoader.loadClass(ContextProbe.class.getName());
            Function<String[], String> run = (Function<String[], String>) probe.getDeclaredConstructor().newInstance();
            return run.apply(properties);
        } finally {
            if (noNative == null) {
                System.clearProperty("io.netty.transport.noNative");
            } else {
                System.setProperty("io.netty.transport.noNative", noNative);
            }
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] classpathWithoutAwsSdk() throws MalformedURLException {
        return classpathWithout("/software/amazon/awssdk/");
    }

    private static URL[] classpathWithout(String... excluded) throws MalformedURLException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (Arrays.stream(excluded).noneMatch(entry::contains)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loaded by the class loader without the SDK: builds a context and reports the client's port or the failure. */
    public static final class ContextProbe implements Function<String[], String> {

        @Override
        public String apply(String[] properties) {
            String[] result = new String[1];
            boolean connect = Arrays.asList(properties).contains("probe.connect=true");
            new ApplicationContextRunner(() -> new org.springframework.context.annotation.AnnotationConfigApplicationContext())
                .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
                .withPropertyValues("aws.iot.mqtt5.auto-startup=" + connect)
                .withPropertyValues(properties)
                .run((context) -> {
                    Throwable failure = context.getStartupFailure();
                    if (failure == null && connect) {
                        Mqtt5Client client = context.getBean(Mqtt5Client.class);
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                        while (client.state() != ClientState.CONNECTED && System.nanoTime() < deadline) {
                            Thread.sleep(20);
                        }
                        result[0] = (client.state() == ClientState.CONNECTED) ? "connected" : "not connected";
                        return;
                    }
                    if (failure == null) {
                        result[0] = "port " + context.getBean(Mqtt5Client.class).options().port();
                        if (java.util.Arrays.asList(properties).contains("probe.destroy=true")) {
                            // What the context does on close, called here so that a failure is seen, not only logged.
                            try {
                                context.getBean(AwsSigV4Credentials.class).destroy();
                                result[0] += ", destroyed cleanly";
                            } catch (Throwable ex) {
                                result[0] += ", destroy failed: " + ex;
                            }
                        }
                        return;
                    }
                    while (failure.getCause() != null) {
                        failure = failure.getCause();
                    }
                    result[0] = failure.getMessage();
                });
            return result[0];
        }
    }
}
