package dev.mqtt5.client.aws;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * One signature the TLS handshake asks a {@link TlsKeyOperationHandler} for: the algorithm, its
 * parameters, and the bytes to sign. Immutable; {@link #toString()} names the algorithm and the
 * length of the data, never the data.
 */
public final class TlsKeyOperation {

    private final String algorithm;
    private final String keyAlgorithm;
    private final AlgorithmParameterSpec parameters;
    private final byte[] data;

    TlsKeyOperation(String algorithm, String keyAlgorithm, AlgorithmParameterSpec parameters, byte[] data) {
        this.algorithm = algorithm;
        this.keyAlgorithm = keyAlgorithm;
        this.parameters = parameters;
        this.data = data.clone();
    }

    /**
     * Returns the JCA signature algorithm the handshake negotiated, such as
     * {@code SHA256withECDSA}, {@code SHA384withRSA} (PKCS#1 v1.5, TLS 1.2) or
     * {@code RSASSA-PSS} (TLS 1.3 with an RSA key; see {@link #parameters()}).
     *
     * @return the algorithm name
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Returns the key's algorithm as the certificate names it: {@code RSA} or {@code EC}.
     *
     * @return the key algorithm
     */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Returns the signature parameters: the {@link PSSParameterSpec} for {@code RSASSA-PSS}, empty
     * for the other algorithms.
     *
     * @return the parameters, if the algorithm has any
     */
    public Optional<AlgorithmParameterSpec> parameters() {
        return Optional.ofNullable(parameters);
    }

    /**
     * Returns the name of the digest the algorithm applies to the data, such as {@code SHA-256}.
     *
     * @return the digest algorithm
     */
    public String digestAlgorithm() {
        if (parameters instanceof PSSParameterSpec pss) {
            return pss.getDigestAlgorithm();
        }
        String upper = algorithm.toUpperCase(Locale.ROOT);
        int with = upper.indexOf("WITH");
        String digest = with > 0 ? upper.substring(0, with) : upper;
        return digest.startsWith("SHA") && !digest.startsWith("SHA-") ? "SHA-" + digest.substring(3) : digest;
    }

    /**
     * Returns the bytes to sign, as the handshake gives them to a JCA {@code Signature}.
     *
     * @return a copy of the data
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * Returns the digest of {@link #data()} with {@link #digestAlgorithm()}, for devices that sign
     * a digest (an RSA PKCS#1 v1.5 device then also needs the DigestInfo prefix of that digest).
     *
     * @return the digest
     * @throws IllegalStateException when the JVM has no such digest
     */
    public byte[] digest() {
        try {
            return MessageDigest.getInstance(digestAlgorithm()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + digestAlgorithm() + " digest in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "TlsKeyOperation{algorithm=" + algorithm + ", keyAlgorithm=" + keyAlgorithm + ", data=" + data.length
                + " bytes}";
    }
}
