package dev.mqtt5.client.aws;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * The JCA provider through which JSSE's handshake signatures reach a {@link TlsKeyOperationHandler}.
 * JSSE signs with {@code Signature.getInstance(algorithm)}, which chooses the provider when the key
 * is given: this provider declares that it supports only {@link CallbackPrivateKey}, so it is
 * chosen for those keys and for nothing else, wherever it sits in the provider list. Installed at
 * the end of the list on first use.
 */
final class KeyOperationsProvider extends Provider {

    static final String NAME = "Mqtt5KeyOperations";
    private static final long serialVersionUID = 1L;
    private static final List<String> ALGORITHMS = List.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            "SHA1withRSA", "RSASSA-PSS", "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "SHA1withECDSA");

    private KeyOperationsProvider() {
        super(NAME, "1.0", "Signatures by a TLS key operation handler, for keys the JVM does not hold");
        Map<String, String> attributes = Map.of("SupportedKeyClasses", CallbackPrivateKey.class.getName());
        for (String algorithm : ALGORITHMS) {
            putService(new Service(this, "Signature", algorithm, CallbackSignature.class.getName(), null, attributes) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new CallbackSignature(algorithm);
                }
            });
        }
    }

    /** Adds the provider to the JVM's list once. */
    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(new KeyOperationsProvider());
        }
    }

    /** Collects the data to sign and hands it to the key's handler. */
    private static final class CallbackSignature extends SignatureSpi {

        private final String algorithm;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private CallbackPrivateKey key;
        private AlgorithmParameterSpec parameters;

        CallbackSignature(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof CallbackPrivateKey callback)) {
                throw new InvalidKeyException("only keys of custom TLS key operations are signed here");
            }
            key = callback;
            data.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("custom TLS key operations only sign");
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) {
            parameters = params;
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            TlsKeyOperation operation = new TlsKeyOperation(algorithm, key.getAlgorithm(), parameters, data.toByteArray());
            data.reset();
            byte[] signature;
            try {
                signature = key.handler().sign(operation);
            } catch (Exception e) {
                throw new SignatureException("the TLS key operation handler failed to sign with " + algorithm + ": " + e,
                        e);
            }
            if (signature == null || signature.length == 0) {
                throw new SignatureException("the TLS key operation handler returned no signature for " + algorithm);
            }
            return signature;
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("custom TLS key operations only sign");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameter " + param);
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameter " + param);
        }
    }
}
