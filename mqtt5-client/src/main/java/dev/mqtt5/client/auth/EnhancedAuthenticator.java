package dev.mqtt5.client.auth;

import dev.mqtt5.client.packet.AuthPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A mechanism of MQTT 5 enhanced authentication (challenge and response through AUTH packets,
 * MQTT 5.0 section 4.12), such as SCRAM or Kerberos. The client calls it on every connection
 * attempt, and again when the application asks for re-authentication.
 *
 * <p>Every method runs on the client's callback executor, never on a network thread, and may
 * answer asynchronously. A stage that fails, or a null answer where data is required, ends the
 * exchange: a connection attempt fails, a re-authentication future fails and the connection is
 * closed with reason Not authorized.
 *
 * <p>Authentication data is secret: the client never logs it or prints it.
 */
public interface EnhancedAuthenticator {

    /** Which exchange the client is starting. */
    enum Phase {
        /** Authentication as part of CONNECT. */
        CONNECT,
        /** Re-authentication on an established connection (AUTH with reason Re-authenticate). */
        REAUTHENTICATE
    }

    /** The Authentication Method the client announces, for example {@code SCRAM-SHA-256}. */
    String method();

    /**
     * The Authentication Data that starts an exchange: sent in the CONNECT, or in the AUTH that
     * starts a re-authentication.
     *
     * @return the data, or a stage completed with null to send none
     */
    CompletionStage<byte[]> initialData(Phase phase);

    /**
     * The server continues the exchange (AUTH with reason Continue authentication): answer its
     * challenge.
     *
     * @param challenge the server's AUTH packet, with its method and data
     * @return the data of the client's next AUTH
     */
    CompletionStage<byte[]> onChallenge(AuthPacket challenge);

    /**
     * The server accepted (CONNACK Success, or AUTH Success after a re-authentication). A
     * mechanism that authenticates the server too checks the server's final data here.
     *
     * @param serverData the Authentication Data of the CONNACK or AUTH, or null
     * @return true to accept; false closes the connection (reason Not authorized)
     */
    default CompletionStage<Boolean> onSuccess(byte[] serverData) {
        return CompletableFuture.completedFuture(true);
    }
}
