package dev.mqtt5.client.aws;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;

/**
 * Mutual TLS with a private key the JVM does not hold: the handshake's signature is asked of a
 * {@link TlsKeyOperationHandler} (a TPM, a secure element, a remote signer), through a JCA provider
 * that JSSE chooses for such keys only. Use it with any broker through
 * {@code TlsOptions.Builder.keyManagerFactory(...)}, or with AWS IoT Core through
 * {@link AwsIotMqtt5ClientBuilder#mtlsWithCustomKeyOperations(String, TlsKeyOperationHandler, X509Certificate...)}.
 *
 * <p>The first call adds a provider named {@code Mqtt5KeyOperations} at the end of the
 * JVM's security provider list; it accepts only the keys made here, so other code is unaffected.
 * RSA (PKCS#1 v1.5 and PSS) and EC keys are supported.
 *
 * <p>Give the TLS options {@link #handshakeExecutor()} (the AWS builder does): then a TLS 1.2
 * handshake's signature runs on one of its threads, not on the I/O thread that other connections
 * share; see {@link TlsKeyOperationHandler} for TLS 1.3.
 */
public final class TlsKeyOperations {

    private TlsKeyOperations() {
    }

    /**
     * Returns the executor for {@code TlsOptions.Builder.handshakeTaskExecutor(...)} that runs
     * handshakes whose key operations may block: daemon threads named
     * {@code mqtt5-tls-key-operations-N}, one per handshake in progress, ended after a minute idle.
     *
     * @return the shared executor
     */
    public static Executor handshakeExecutor() {
        return HandshakeThreads.EXECUTOR;
    }

    /** Created on first use only. */
    private static final class HandshakeThreads {

        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "mqtt5-tls-key-operations-" + COUNT.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Returns a key manager factory that presents {@code chain} and has {@code handler} sign for
     * the leaf certificate's key.
     *
     * @param handler signs the handshake; see {@link TlsKeyOperationHandler} for its thread
     * @param chain the certificate chain of the key, leaf first
     * @return the key manager factory
     * @throws IllegalArgumentException when the chain is empty or its key is neither RSA nor EC
     */
    public static KeyManagerFactory keyManagerFactory(TlsKeyOperationHandler handler, X509Certificate... chain) {
        Objects.requireNonNull(handler, "aws.iot.mqtt5 custom key operations handler must not be null");
        Objects.requireNonNull(chain, "aws.iot.mqtt5 custom key operations chain must not be null");
        if (chain.length == 0 || chain[0] == null) {
            throw new IllegalArgumentException("aws.iot.mqtt5 custom key operations chain must hold the key's "
                    + "certificate first");
        }
        KeyOperationsProvider.install();
        return FixedIdentityKeyManager.factory("key-operations", CallbackPrivateKey.of(chain[0].getPublicKey(), handler),
                chain);
    }
}
