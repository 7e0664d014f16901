package dev.mqtt5.spring.autoconfigure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a JVM whose classpath has no AWS SDK jar at all (not merely hidden from the
 * context, as {@code FilteredClassLoader} does): a plain broker client builds, and an AWS method
 * fails naming the dependency instead of a {@link NoClassDefFoundError}.
 */
class WithoutAwsSdkTests {

    @Test
    void aPlainBrokerClientBuildsAndAnAwsMethodNamesTheMissingDependency() throws Exception {
        // Not closed: the client's shared event loop group in this loader outlives its last client
        // by a few seconds and loads classes as it shuts down; a closed loader makes those threads
        // die with NoClassDefFoundError, which failed an unrelated test's Awaitility await (it
        // reports other threads' uncaught exceptions). The loader goes with the test JVM.
        URLClassLoader withoutSdk = new URLClassLoader(classpathWithoutAwsSdk(), ClassLoader.getPlatformClassLoader());
        assertThat(withoutSdk.getResource("software/amazon/awssdk/auth/credentials/AwsCredentialsProvider.class")).isNull();
        assertThat(runIn(withoutSdk, "aws.iot.mqtt5.endpoint=broker.example")).isEqualTo("port 1883");
        assertThat(runIn(withoutSdk, "aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.custom-authorizer.name=a"))
            .isEqualTo("aws.iot.mqtt5.custom-authorizer: needs software.amazon.awssdk:auth on the classpath");
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
        try {
            Class<?> probe = classLoader.loadClass(ContextProbe.class.getName());
            Function<String[], String> run = (Function<String[], String>) probe.getDeclaredConstructor().newInstance();
            return run.apply(properties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] classpathWithoutAwsSdk() throws MalformedURLException {
        return classpathWithout("/software/amazon/awssdk/");
    }

    private static URL[] classpathWithout(String excluded) throws MalformedURLException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.contains(excluded)) {
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
            new ApplicationContextRunner(() -> new org.springframework.context.annotation.AnnotationConfigApplicationContext())
                .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
                .withPropertyValues("aws.iot.mqtt5.auto-startup=false")
                .withPropertyValues(properties)
                .run((context) -> {
                    Throwable failure = context.getStartupFailure();
                    if (failure == null) {
                        result[0] = "port " + context.getBean(dev.mqtt5.client.Mqtt5Client.class).options().port();
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
