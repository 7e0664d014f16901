package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.SessionBehavior;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the MQTT 5 client, under {@code aws.iot.mqtt5}. The connection
 * settings apply to any MQTT 5 broker; at most one of the AWS IoT authentication groups
 * ({@code mtls}, {@code pkcs12}, {@code pkcs11}, {@code java-keystore}, {@code sigv4}, {@code cognito},
 * {@code custom-authorizer}) may be set.
 */
@ConfigurationProperties("aws.iot.mqtt5")
public class Mqtt5Properties {

    /**
     * Host name of the broker, such as the AWS IoT Core data endpoint
     * ("xxxxxxxx-ats.iot.eu-west-1.amazonaws.com").
     */
    private String endpoint;

    /**
     * Port of the broker. Defaults to 8883 with TLS, 443 with WebSocket over TLS, 80 with
     * WebSocket and 1883 otherwise; with an AWS IoT authentication method, 8883 for mutual TLS
     * and 443 for the others.
     */
    private Integer port;

    /**
     * Client identifier sent in CONNECT. When empty the broker assigns one (AWS IoT Core
     * requires one).
     */
    private String clientId;

    /**
     * User name for plain brokers.
     */
    private String username;

    /**
     * Password for plain brokers.
     */
    private String password;

    /**
     * Keep-alive interval sent in CONNECT, in whole seconds (0 disables keep-alive).
     */
    private Duration keepAlive;

    /**
     * Clean-start policy: whether each connection starts a new session (clean) or rejoins the
     * existing one (rejoin-post-success rejoins after the first successful connection,
     * rejoin-always also on the first). Unset: rejoin-always when client-id is set and
     * session-expiry is above zero (a restarted service resumes the session the broker kept for
     * it, with what was stored for it meanwhile), otherwise rejoin-post-success.
     */
    private SessionBehavior sessionBehavior;

    /**
     * Session expiry interval: how long the broker keeps the session after the connection
     * ends. Zero or unset ends the session with the connection.
     */
    private Duration sessionExpiry;

    /**
     * Which operations fail when the connection is lost instead of waiting in the offline
     * queue for the next connection.
     */
    private OfflineQueueBehavior offlineQueueBehavior = OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT;

    /**
     * Maximum number of unacknowledged QoS 1 and 2 publishes the client accepts from the
     * broker at once (1 to 65535).
     */
    private Integer receiveMaximum;

    /**
     * Largest packet the client accepts from the broker, announced in CONNECT. A broker that
     * honours it discards larger messages for this client instead of sending them; raise it (up
     * to 268435460 bytes, no limit) only if the application must receive larger messages.
     */
    private DataSize maximumPacketSize = DataSize.ofMegabytes(1);

    /**
     * How many times in a row the broker may end the connection while the same operation is the
     * oldest awaiting its acknowledgement before the client fails that operation instead of
     * sending it again on every reconnect (0 never gives up).
     */
    private int poisonOperationLimit = 3;

    /**
     * User properties sent in CONNECT, in order.
     */
    private Map<String, String> userProperties = new LinkedHashMap<>();

    /**
     * Whether strings the client sends (topics, user properties, client id, will, ...) may contain
     * the characters MQTT 5.0 section 1.5.4 says a client should not send: control characters
     * (U+0001-U+001F, U+007F-U+009F) and Unicode non-characters. Brokers such as mosquitto close
     * the connection on them, so by default the client refuses them when an operation is
     * submitted. Enable only for a broker known to accept them.
     */
    private boolean allowDiscouragedCharacters;

    /**
     * Whether a QoS 1 or 2 publish that no @Mqtt5Listener, adapter or PublishReceivedListener bean
     * takes is acknowledged (and so gone). By default it is not: the broker keeps it for the
     * session and sends it again on the next connection, and a WARN line names its topic (a
     * subscription that no code handles any more can be removed then). Unacknowledged, it takes
     * one of the Receive Maximum slots until the connection ends.
     */
    private boolean acknowledgeUnroutedPublishes;

    /**
     * Whether the client starts (connects) with the application context.
     */
    private boolean autoStartup = true;

    /**
     * Time to wait on shutdown for in-flight QoS 1 and 2 operations to be acknowledged before
     * sending DISCONNECT. Bounded by spring.lifecycle.timeout-per-shutdown-phase.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    @NestedConfigurationProperty
    private final Mqtt5TlsProperties tls = new Mqtt5TlsProperties();

    @NestedConfigurationProperty
    private final Mqtt5WebSocketProperties websocket = new Mqtt5WebSocketProperties();

    @NestedConfigurationProperty
    private final Mqtt5ReconnectProperties reconnect = new Mqtt5ReconnectProperties();

    @NestedConfigurationProperty
    private final Mqtt5TimeoutProperties timeouts = new Mqtt5TimeoutProperties();

    @NestedConfigurationProperty
    private final Mqtt5FlowControlProperties flowControl = new Mqtt5FlowControlProperties();

    @NestedConfigurationProperty
    private final Mqtt5TopicAliasingProperties topicAliasing = new Mqtt5TopicAliasingProperties();

    @NestedConfigurationProperty
    private final Mqtt5WillProperties will = new Mqtt5WillProperties();

    @NestedConfigurationProperty
    private final Mqtt5StartupProperties startup = new Mqtt5StartupProperties();

    @NestedConfigurationProperty
    private final AwsMtlsProperties mtls = new AwsMtlsProperties();

    @NestedConfigurationProperty
    private final AwsPkcs12Properties pkcs12 = new AwsPkcs12Properties();

    @NestedConfigurationProperty
    private final AwsPkcs11Properties pkcs11 = new AwsPkcs11Properties();

    @NestedConfigurationProperty
    private final AwsJavaKeystoreProperties javaKeystore = new AwsJavaKeystoreProperties();

    @NestedConfigurationProperty
    private final Mqtt5ProvisioningProperties provisioning = new Mqtt5ProvisioningProperties();

    @NestedConfigurationProperty
    private final AwsSigV4Properties sigv4 = new AwsSigV4Properties();

    @NestedConfigurationProperty
    private final AwsCognitoProperties cognito = new AwsCognitoProperties();

    @NestedConfigurationProperty
    private final AwsCustomAuthorizerProperties customAuthorizer = new AwsCustomAuthorizerProperties();

    @NestedConfigurationProperty
    private final Mqtt5ProxyProperties proxy = new Mqtt5ProxyProperties();

    public String getEndpoint() {
        return this.endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public Integer getPort() {
        return this.port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getClientId() {
        return this.clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getUsername() {
        return this.username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Duration getKeepAlive() {
        return this.keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    public SessionBehavior getSessionBehavior() {
        return this.sessionBehavior;
    }

    public void setSessionBehavior(SessionBehavior sessionBehavior) {
        this.sessionBehavior = sessionBehavior;
    }

    public Duration getSessionExpiry() {
        return this.sessionExpiry;
    }

    public void setSessionExpiry(Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
    }

    public OfflineQueueBehavior getOfflineQueueBehavior() {
        return this.offlineQueueBehavior;
    }

    public void setOfflineQueueBehavior(OfflineQueueBehavior offlineQueueBehavior) {
        this.offlineQueueBehavior = offlineQueueBehavior;
    }

    public Integer getReceiveMaximum() {
        return this.receiveMaximum;
    }

    public void setReceiveMaximum(Integer receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
    }

    public int getPoisonOperationLimit() {
        return this.poisonOperationLimit;
    }

    public void setPoisonOperationLimit(int poisonOperationLimit) {
        this.poisonOperationLimit = poisonOperationLimit;
    }

    public DataSize getMaximumPacketSize() {
        return this.maximumPacketSize;
    }

    public void setMaximumPacketSize(DataSize maximumPacketSize) {
        this.maximumPacketSize = maximumPacketSize;
    }

    public Map<String, String> getUserProperties() {
        return this.userProperties;
    }

    public void setUserProperties(Map<String, String> userProperties) {
        this.userProperties = userProperties;
    }

    public boolean isAllowDiscouragedCharacters() {
        return this.allowDiscouragedCharacters;
    }

    public void setAllowDiscouragedCharacters(boolean allowDiscouragedCharacters) {
        this.allowDiscouragedCharacters = allowDiscouragedCharacters;
    }

    public boolean isAcknowledgeUnroutedPublishes() {
        return this.acknowledgeUnroutedPublishes;
    }

    public void setAcknowledgeUnroutedPublishes(boolean acknowledgeUnroutedPublishes) {
        this.acknowledgeUnroutedPublishes = acknowledgeUnroutedPublishes;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Mqtt5TlsProperties getTls() {
        return this.tls;
    }

    public Mqtt5WebSocketProperties getWebsocket() {
        return this.websocket;
    }

    public Mqtt5ReconnectProperties getReconnect() {
        return this.reconnect;
    }

    public Mqtt5TimeoutProperties getTimeouts() {
        return this.timeouts;
    }

    public Mqtt5FlowControlProperties getFlowControl() {
        return this.flowControl;
    }

    public Mqtt5TopicAliasingProperties getTopicAliasing() {
        return this.topicAliasing;
    }

    public Mqtt5WillProperties getWill() {
        return this.will;
    }

    public Mqtt5StartupProperties getStartup() {
        return this.startup;
    }

    public AwsMtlsProperties getMtls() {
        return this.mtls;
    }

    public AwsPkcs12Properties getPkcs12() {
        return this.pkcs12;
    }

    public AwsPkcs11Properties getPkcs11() {
        return this.pkcs11;
    }

    public AwsJavaKeystoreProperties getJavaKeystore() {
        return this.javaKeystore;
    }

    public Mqtt5ProvisioningProperties getProvisioning() {
        return this.provisioning;
    }

    public AwsSigV4Properties getSigv4() {
        return this.sigv4;
    }

    public AwsCognitoProperties getCognito() {
        return this.cognito;
    }

    public AwsCustomAuthorizerProperties getCustomAuthorizer() {
        return this.customAuthorizer;
    }

    public Mqtt5ProxyProperties getProxy() {
        return this.proxy;
    }
}
