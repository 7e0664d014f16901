package dev.mqtt5.client.docs;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;

import dev.mqtt5.client.HandlerRegistration;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.aws.AwsIotMqtt5ClientBuilder;
import dev.mqtt5.client.aws.CognitoCredentialsProvider;
import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The Java code of mqtt5-client/README.md, compiled with the tests: each README block is the
 * region of the same tag here ({@code ReadmeSnippetsTest} checks that they match), and these
 * imports are the ones it needs. Never run: the methods only have to compile.
 */
@SuppressWarnings("unused")
final class ClientReadmeSnippets {

    interface Alarms {
        void handle(PublishPacket publish);
    }

    interface Store {
        CompletableFuture<Void> saveAsync(PublishPacket publish);
    }

    void quickStart() {
        // tag::quick-start[]
        LifecycleListener events = new LifecycleListener() { };  // override the events you need
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder()
                .hostName("localhost").port(1883)
                .connectOptions(ConnectPacket.builder().clientId("device-1").keepAlive(Duration.ofSeconds(60)).build())
                .lifecycleListener(events)
                .publishReceivedListener(publish ->
                        System.out.println(publish.topic() + ": " + publish.payloadAsString()))
                .build());
        client.start();                                   // connects, and reconnects until stop()

        SubAckPacket subAck = client.subscribe(SubscribePacket.of("sensors/+/temperature", QoS.AT_LEAST_ONCE)).join();
        PublishResult result = client.publish(PublishPacket.builder()
                .topic("sensors/kitchen/temperature").payload("21.5").qos(QoS.AT_LEAST_ONCE).build()).join();
        System.out.println(result.pubAck().reasonCode());  // SUCCESS, or the future failed with PublishFailedException

        client.stop().join();                             // DISCONNECT, then the Stopped event
        client.close();                                   // releases the shared event loop
        // end::quick-start[]
    }

    void tls(X509Certificate caCertificate, PrivateKey privateKey, X509Certificate certificate) {
        // tag::tls[]
        Mqtt5ClientOptions.builder().hostName("broker.example.com")          // port 8883 by default with TLS
                .tls(TlsOptions.builder()
                        .trustedCertificates(caCertificate)                  // replaces the JVM trust store
                        .clientCertificate(privateKey, certificate)          // mutual TLS
                        .alpnProtocols(List.of("x-amzn-mqtt-ca"))
                        .build())
                .webSocket(WebSocketOptions.builder().path("/mqtt").build()) // optional: MQTT over WebSocket
                .build();
        // end::tls[]
    }

    void options() {
        // tag::options[]
        Mqtt5ClientOptions.builder().hostName("broker")
                .connectOptions(ConnectPacket.builder().clientId("device-1")
                        .sessionExpiryInterval(Duration.ofHours(1)).build())
                .sessionBehavior(SessionBehavior.REJOIN_POST_SUCCESS)      // clean first, rejoin after
                .offlineQueueBehavior(OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT)
                .operationTimeout(Duration.ofSeconds(60))                  // ack timeout; per call: publish(p, timeout)
                .flowControl(FlowControlOptions.iotCore())                 // 100 publishes/s, 512 KiB/s per connection
                .topicAliasing(TopicAliasingOptions.lru(16))               // client-chosen outbound aliases
                .build();
        // end::options[]
    }

    void handlers(Mqtt5Client client, Alarms alarms, Store store) {
        // tag::handlers[]
        client.subscribe(SubscribePacket.of("alarms/#", QoS.AT_LEAST_ONCE),
                publish -> alarms.handle(publish));                        // only this subscription's publishes

        Mqtt5ClientOptions.builder().hostName("broker")
                .publishReceivedListener((publish, ack) ->                 // acknowledge when it is safe
                        store.saveAsync(publish).thenRun(ack::acknowledge));
        // end::handlers[]
    }

    void standingRoutes(Mqtt5Client client, ManualAckPublishListener alarmHandler) {
        // tag::standing-routes[]
        HandlerRegistration registration = client.addHandler(List.of("alarms/#"), alarmHandler); // before start()
        client.start();
        client.subscribe(SubscribePacket.of("alarms/#", QoS.AT_LEAST_ONCE), alarmHandler);      // same handler: once
        registration.close();                                                                   // removes the route
        // end::standing-routes[]
    }

    void aws(LifecycleListener events, PublishReceivedListener received, String certificatePem, String privateKeyPem,
            char[] password, PrivateKey privateKey, X509Certificate certificate, KeyManagerFactory keyManagerFactory,
            char[] userPin, AwsCredentialsProvider credentialsProvider, String idToken, byte[] passwordBytes,
            String tokenSignature, String tokenValue, Mqtt5ClientOptions.Builder builder, String proxyPassword) {
        // tag::aws[]
        String endpoint = "abc123-ats.iot.us-east-1.amazonaws.com";

        // X.509 mutual TLS: PEM certificate and key (PKCS#8; PKCS#1, SEC1 EC or encrypted with Bouncy Castle)
        Mqtt5Client client = AwsIotMqtt5ClientBuilder
                .mtlsFromPath(endpoint, Path.of("device.pem.crt"), Path.of("private.pem.key"))
                .options(o -> o.lifecycleListener(events).publishReceivedListener(received))
                .build();
        client.start();

        // The same from PEM strings, from a PKCS#12 file (any OS), from a key already read, or from key
        // managers (for example ones that follow a rotated certificate)
        AwsIotMqtt5ClientBuilder.mtlsFromMemory(endpoint, certificatePem, privateKeyPem);
        AwsIotMqtt5ClientBuilder.mtlsWithPkcs12(endpoint, Path.of("device.p12"), password);
        AwsIotMqtt5ClientBuilder.mtlsWithKey(endpoint, privateKey, certificate);
        AwsIotMqtt5ClientBuilder.mtlsWithKeyManagerFactory(endpoint, keyManagerFactory);

        // PKCS#11: the key stays on the token (SunPKCS11); choose the token by slot id or by label
        AwsIotMqtt5ClientBuilder.mtlsWithPkcs11(endpoint, Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                userPin, "my-token", "my-key", Path.of("device.pem.crt"));

        // WebSocket with SigV4: re-signed with fresh credentials on every connection attempt
        AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, "us-east-1");           // default chain
        AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, "us-east-1", credentialsProvider);

        // Cognito: an identity id, or an identity pool id (GetId is called first), optional logins
        CognitoCredentialsProvider cognito = CognitoCredentialsProvider.builder("us-east-1")
                .identityPoolId("us-east-1:1a2b3c4d-...")
                .login("accounts.google.com", idToken)
                .build();
        AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, "us-east-1", cognito);

        // Custom authorizer, direct (TLS, ALPN "mqtt", port 443) or over WebSocket; signing fields all or none
        AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(endpoint, "MyAuthorizer", "device-1", passwordBytes);
        AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer(endpoint, "MyAuthorizer", "device-1", passwordBytes,
                tokenSignature, "tokenKey", tokenValue);

        // Any method through a proxy: HTTP CONNECT with basic authentication, TLS to the proxy, or SOCKS5
        builder.httpProxy(HttpProxyOptions.builder("proxy.example.com", 3128)
                .basicAuthentication("user", proxyPassword)
                .tls(TlsOptions.builder().build())              // only for an https proxy
                .build());
        // end::aws[]
    }
}
