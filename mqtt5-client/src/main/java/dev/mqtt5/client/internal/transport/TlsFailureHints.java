package dev.mqtt5.client.internal.transport;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** Turns common TLS handshake failures into a sentence that names the setting at fault. */
final class TlsFailureHints {

    private TlsFailureHints() {
    }

    /** Returns {@code " (hint)"} for a recognised failure, or an empty string. */
    static String hint(Throwable failure) {
        String text = allMessages(failure).toLowerCase(Locale.ROOT);
        if (has(failure, CertificateExpiredException.class) || text.contains("validity check failed")) {
            return " (the server's certificate has expired or is not yet valid)";
        }
        if (has(failure, CertificateNotYetValidException.class)) {
            return " (the server's certificate is not yet valid)";
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return " (the server's certificate does not match the host name; check hostName or tls serverName)";
        }
        if (text.contains("pkix path") || has(failure, CertPathValidatorException.class)) {
            return " (the server's certificate is not trusted: no CA in tls trustedCertificates / the trust store"
                    + " signed it; check trustedCertificates or caPath)";
        }
        if (text.contains("certificate_expired")) {
            return " (the server refused the client certificate as expired; renew the client certificate)";
        }
        if (text.contains("certificate_required")) {
            return " (the server requires a client certificate; configure one for mutual TLS)";
        }
        if (text.contains("unknown_ca") || text.contains("bad_certificate") || text.contains("certificate_unknown")) {
            return " (the server refused the client certificate; check that its CA is registered with the server)";
        }
        return "";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString();
    }
}
