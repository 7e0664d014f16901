package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.auth.EnhancedAuthenticator;
import dev.mqtt5.client.exception.AuthenticationException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client side of enhanced authentication: calls the application's {@link EnhancedAuthenticator}
 * off the event loop and brings its answers back to it, checks the server's AUTH packets, and
 * tracks the one re-authentication that may be in progress. Event loop only, except the calls
 * into the authenticator.
 */
final class EnhancedAuthFlow {

    private final EnhancedAuthenticator authenticator;
    private final CallbackDispatcher callbacks;
    private final EventLoop loop;
    private final ClientEngine engine;
    private CompletableFuture<AuthPacket> reauthentication;
    /** Packets that arrived while the authenticator checks the CONNACK's data, replayed once it accepts. */
    private final List<Object> deferred = new ArrayList<>();
    private boolean verifyingConnAck;

    EnhancedAuthFlow(EnhancedAuthenticator authenticator, CallbackDispatcher callbacks, EventLoop loop,
            ClientEngine engine) {
        this.authenticator = authenticator;
        this.callbacks = callbacks;
        this.loop = loop;
        this.engine = engine;
    }

    /** Whether the packet must wait for the CONNACK check; it is kept and replayed then. */
    boolean defer(Object msg) {
        if (verifyingConnAck) {
            deferred.add(msg);
        }
        return verifyingConnAck;
    }

    /**
     * Lets the authenticator check the server's final data before the connection is used: reads
     * pause, and whatever already arrived waits until it accepts.
     */
    void verifyConnAck(ConnAckPacket connAck, int generation, Channel channel) {
        verifyingConnAck = true;
        channel.config().setAutoRead(false);
        call(() -> authenticator.onSuccess(connAck.authenticationData()), (accepted, error) -> {
            if (generation != engine.generation()) {
                return;
            }
            verifyingConnAck = false;
            if (error != null || !Boolean.TRUE.equals(accepted)) {
                deferred.clear();
                engine.disconnectWith(DisconnectReasonCode.NOT_AUTHORIZED, "the client does not accept the server's "
                        + "authentication", new AuthenticationException("the enhanced authenticator rejected the "
                        + "server's authentication data in CONNACK" + (error != null ? ": " + Causes.describe(error) : ""), error));
                return;
            }
            engine.connAckAccepted(connAck);
            channel.config().setAutoRead(true);
            List<Object> replay = new ArrayList<>(deferred);
            deferred.clear();
            for (Object msg : replay) {
                engine.onPacket(generation, msg);
            }
            engine.onReadComplete(generation);
        });
    }

    /** The connection ended: a re-authentication in progress fails with its cause. */
    void connectionEnded(Throwable cause) {
        verifyingConnAck = false;
        deferred.clear();
        reauthenticationFailed(cause);
    }

    /**
     * Asks the authenticator for the CONNECT's authentication data, then hands the CONNECT with it
     * to {@code send} on the event loop; a failure closes the connection attempt.
     */
    void connectData(ConnectPacket connect, int generation, Consumer<ConnectPacket> send) {
        call(() -> authenticator.initialData(EnhancedAuthenticator.Phase.CONNECT), (data, failure) -> {
            if (generation != engine.generation()) {
                return;
            }
            if (failure != null) {
                engine.closeWith(new AuthenticationException("the enhanced authenticator gave no CONNECT data: "
                        + Causes.describe(failure), failure));
                return;
            }
            send.accept(connect.toBuilder().authenticationMethod(method()).authenticationData(data).build());
        });
    }

    /** {@code Mqtt5Client#reauthenticate} on the event loop; {@code flow} is null without an authenticator. */
    static void reauthenticate(EnhancedAuthFlow flow, CallbackDispatcher callbacks, ClientState state, int generation,
            CompletableFuture<AuthPacket> done) {
        if (flow == null) {
            callbacks.fail(done, new IllegalStateException("reauthenticate needs an enhancedAuthenticator in the "
                    + "client options"));
        } else if (state != ClientState.CONNECTED) {
            callbacks.fail(done, new IllegalStateException("reauthenticate needs a connection; the client is " + state));
        } else {
            flow.reauthenticate(done, generation);
        }
    }

    /** A server AUTH; {@code flow} is null when the client did not ask for enhanced authentication. */
    static void received(EnhancedAuthFlow flow, AuthPacket packet, int generation, boolean connecting) {
        if (flow == null) {
            throw MqttProtocolException.protocolError("AUTH received, but the client did not ask for enhanced "
                    + "authentication");
        }
        flow.onServerAuth(packet, generation, connecting);
    }

    /** Starts a re-authentication on the connection of the given generation (connected). */
    void reauthenticate(CompletableFuture<AuthPacket> done, int generation) {
        if (reauthentication != null) {
            callbacks.fail(done, new IllegalStateException("a re-authentication is already in progress"));
            return;
        }
        reauthentication = done;
        call(() -> authenticator.initialData(EnhancedAuthenticator.Phase.REAUTHENTICATE), (data, error) -> {
            if (generation != engine.generation()) {
                return;
            }
            if (error != null) {
                reauthenticationFailed(new AuthenticationException("the enhanced authenticator gave no "
                        + "re-authentication data: " + Causes.describe(error), error));
            } else {
                send(packet(AuthReasonCode.RE_AUTHENTICATE, data));
            }
        });
    }

    /**
     * A server AUTH: a challenge during CONNECT or re-authentication, or the end of a
     * re-authentication. Anything else is a protocol error.
     */
    void onServerAuth(AuthPacket packet, int generation, boolean connecting) {
        if (!connecting && reauthentication == null) {
            throw MqttProtocolException.protocolError("AUTH received, but the client is not re-authenticating");
        }
        checkMethod(packet);
        if (packet.reasonCode() == AuthReasonCode.CONTINUE_AUTHENTICATION) {
            call(() -> authenticator.onChallenge(packet), (data, error) -> {
                if (generation != engine.generation()) {
                    return;
                }
                if (error != null) {
                    failed(new AuthenticationException("the enhanced authenticator could not "
                            + "answer the server's challenge: " + Causes.describe(error), error));
                } else {
                    send(packet(AuthReasonCode.CONTINUE_AUTHENTICATION, data));
                }
            });
        } else if (packet.reasonCode() == AuthReasonCode.SUCCESS && !connecting) {
            call(() -> authenticator.onSuccess(packet.authenticationData()), (accepted, error) -> {
                if (generation != engine.generation()) {
                    return;
                }
                if (error == null && Boolean.TRUE.equals(accepted)) {
                    reauthenticated(packet);
                } else {
                    failed(new AuthenticationException("the enhanced authenticator rejected "
                            + "the server's re-authentication data" + (error != null ? ": " + Causes.describe(error) : ""),
                            error));
                }
            });
        } else {
            throw MqttProtocolException.protocolError("AUTH with reason " + packet.reasonCode() + " is not valid "
                    + (connecting ? "before CONNACK" : "during re-authentication"));
        }
    }

    /** Sends an AUTH: directly before CONNACK, through the control queue after it. */
    private void send(AuthPacket packet) {
        // Reason string and user properties are dropped if the AUTH would not fit (MQTT-3.15.2-2, -3).
        NegotiatedSettings settings = engine.negotiatedSettings();
        long max = settings != null ? settings.maximumPacketSizeToServer() : Negotiation.PROTOCOL_MAXIMUM_PACKET_SIZE;
        OutboundPacket encoded = PacketEncoders.auth(packet, max);
        if (encoded == null) {
            failed(new AuthenticationException("the AUTH packet is larger than the server's Maximum Packet Size of "
                    + max + " bytes"));
        } else if (engine.state() == ClientState.MQTT_CONNECT) {
            engine.writeDirect(encoded);
        } else {
            engine.operations().sendControl(encoded, 0);
        }
    }

    /** The client side of authentication failed: a re-authentication in progress fails, the connection ends. */
    private void failed(AuthenticationException cause) {
        reauthenticationFailed(cause);
        engine.disconnectWith(DisconnectReasonCode.NOT_AUTHORIZED, "authentication failed on the client", cause);
    }

    String method() {
        return authenticator.method();
    }

    /** Runs an authenticator call on the callback executor; its answer or failure comes back on the loop. */
    <T> void call(Supplier<CompletionStage<T>> userCall, BiConsumer<T, Throwable> onLoop) {
        callbacks.executor().execute(() -> {
            try {
                CompletionStage<T> stage = userCall.get();
                if (stage == null) {
                    throw new NullPointerException("the enhanced authenticator returned a null stage");
                }
                stage.whenComplete((value, error) -> loop.execute(() -> onLoop.accept(value, unwrap(error))));
            } catch (Throwable t) {
                loop.execute(() -> onLoop.accept(null, t));
            }
        });
    }

    /** The AUTH packet that answers a challenge, or starts a re-authentication. */
    AuthPacket packet(AuthReasonCode reason, byte[] data) {
        return new AuthPacket(reason, authenticator.method(), data, null, List.of());
    }

    /** Checks a server AUTH: it must use the client's method (MQTT-4.12.0-5 and MQTT-4.12.1-1). */
    void checkMethod(AuthPacket auth) {
        if (!authenticator.method().equals(auth.authenticationMethod())) {
            throw MqttProtocolException.protocolError("AUTH: Authentication Method '" + auth.authenticationMethod()
                    + "' is not the client's '" + authenticator.method() + "'");
        }
    }

    void reauthenticated(AuthPacket success) {
        CompletableFuture<AuthPacket> done = reauthentication;
        reauthentication = null;
        if (done != null) {
            callbacks.complete(done, success);
        }
    }

    void reauthenticationFailed(Throwable cause) {
        CompletableFuture<AuthPacket> done = reauthentication;
        reauthentication = null;
        if (done != null) {
            callbacks.fail(done, cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
