package dev.mqtt5.client.aws;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;

/**
 * A private key the JVM does not hold: its operations go to a {@link TlsKeyOperationHandler}. It
 * has no encoding, and it is neither an {@code RSAPrivateKey} nor an {@code ECPrivateKey}, so the
 * JDK's own signature providers decline it and {@link KeyOperationsProvider} takes it. It exposes
 * the modulus or curve of the certificate's public key, which JSSE reads to pick a signature
 * scheme.
 */
class CallbackPrivateKey implements PrivateKey {

    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final transient TlsKeyOperationHandler handler;

    private CallbackPrivateKey(String algorithm, TlsKeyOperationHandler handler) {
        this.algorithm = algorithm;
        this.handler = handler;
    }

    /** The key of {@code publicKey}'s certificate, whose operations {@code handler} performs. */
    static CallbackPrivateKey of(PublicKey publicKey, TlsKeyOperationHandler handler) {
        if (publicKey instanceof RSAPublicKey rsa) {
            return new Rsa(rsa.getModulus(), handler);
        }
        if (publicKey instanceof ECPublicKey ec) {
            return new Ec(ec.getParams(), handler);
        }
        throw new IllegalArgumentException("aws.iot.mqtt5 custom key operations support RSA and EC certificates, not "
                + publicKey.getAlgorithm());
    }

    TlsKeyOperationHandler handler() {
        return handler;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    @Override
    public String toString() {
        return "CallbackPrivateKey{" + algorithm + ", operations by " + handler.getClass().getName() + '}';
    }

    /** An RSA key: JSSE reads the modulus for the key size. */
    static final class Rsa extends CallbackPrivateKey implements RSAKey {

        private static final long serialVersionUID = 1L;
        private final BigInteger modulus;

        Rsa(BigInteger modulus, TlsKeyOperationHandler handler) {
            super("RSA", handler);
            this.modulus = modulus;
        }

        @Override
        public BigInteger getModulus() {
            return modulus;
        }
    }

    /** An EC key: JSSE reads the curve to match a signature scheme. */
    static final class Ec extends CallbackPrivateKey implements ECKey {

        private static final long serialVersionUID = 1L;
        private final transient ECParameterSpec params;

        Ec(ECParameterSpec params, TlsKeyOperationHandler handler) {
            super("EC", handler);
            this.params = params;
        }

        @Override
        public ECParameterSpec getParams() {
            return params;
        }
    }
}
