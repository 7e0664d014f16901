package dev.mqtt5.spring.autoconfigure;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link Mqtt5StartupConnectionException}: the last attempt's cause in one line, and the
 * property that most likely fixes it, recognised from the cause (an untrusted certificate, a
 * certificate for another host name, nothing listening, a name that does not resolve, no answer).
 */
class Mqtt5StartupFailureAnalyzer extends AbstractFailureAnalyzer<Mqtt5StartupConnectionException> {

    private static final String P = "aws.iot.mqtt5.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Mqtt5StartupConnectionException failure) {
        Throwable cause = failure.getCause();
        String description = "The MQTT client did not connect to " + failure.getEndpoint() + " within "
                + failure.getTimeout() + " (" + P + "startup.timeout) while startup waited for it ("
                + P + "startup.wait-for-connection)." + ((cause != null) ? " Last failure: " + oneLine(cause) : "");
        return new FailureAnalysis(description, action(failure, cause), failure);
    }

    private static String action(Mqtt5StartupConnectionException failure, Throwable cause) {
        String orStart = " Or set " + P + "startup.wait-for-connection=false to start without a connection and let "
                + "the client keep reconnecting.";
        if (find(cause, CertPathValidatorException.class) != null || pkixFailure(cause)) {
            return "The broker's certificate is not trusted. Set " + P + "tls.ca to the certificate of the CA that "
                    + "signed it (for AWS IoT Core, Amazon Root CA 1), or add that CA to the JVM's trust store (or, with "
                    + P + "tls.bundle or " + P + "mtls.bundle, to the SSL bundle's trust store).";
        }
        CertificateException certificate = find(cause, CertificateException.class);
        if (certificate != null && String.valueOf(certificate.getMessage()).contains("No ")) {
            return "The broker's certificate is not for the name the client checked it against. Set " + P
                    + "endpoint (or " + P + "tls.server-name, when set) to a host name the certificate names (its "
                    + "subject alternative names).";
        }
        if (connectTimedOut(cause)) {
            return "Nothing answered at " + failure.getEndpoint() + " within " + P + "timeouts.connect. Check " + P
                    + "endpoint and " + P + "port, and any firewall or proxy (" + P + "proxy.*) on the way." + orStart;
        }
        if (find(cause, UnknownHostException.class) != null) {
            return "The host name in " + P + "endpoint does not resolve. Check it (for AWS IoT Core: aws iot "
                    + "describe-endpoint --endpoint-type iot:Data-ATS).";
        }
        if (find(cause, ConnectException.class) != null) {
            return "Nothing accepts connections at " + failure.getEndpoint() + ". Check " + P + "endpoint and " + P
                    + "port, and that the broker is running." + orStart;
        }
        if (find(cause, SSLHandshakeException.class) != null) {
            return "The TLS handshake failed. Check " + P + "tls.* (CA, client certificate and key, or the SSL bundle "
                    + "of tls.bundle or mtls.bundle) against what the broker requires." + orStart;
        }
        return "Check " + P + "endpoint, " + P + "port and " + P + "tls.* against the broker, and the log lines of "
                + "dev.mqtt5.client.Mqtt5Client for each attempt." + orStart;
    }

    /** The transport's connect timeout (Netty's ConnectTimeoutException, a ConnectException), or a socket timeout. */
    private static boolean connectTimedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("ConnectTimeoutException")
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The JDK reports an untrusted chain as a handshake failure whose message names PKIX path building. */
    private static boolean pkixFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The innermost failure's message, in one line: the outer ones only wrap it, and the client's
     * own hints there name its Java API (trustedCertificates), not the property.
     */
    private static String oneLine(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = (root.getMessage() != null) ? root.getClass().getSimpleName() + ": " + root.getMessage()
                : root.getClass().getName();
        return message.replaceAll("[\\r\\n]+", " ");
    }
}
