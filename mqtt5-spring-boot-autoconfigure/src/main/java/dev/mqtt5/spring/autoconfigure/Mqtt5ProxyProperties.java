package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * HTTP proxy for the connection ({@code aws.iot.mqtt5.proxy}), for any authentication method.
 */
public class Mqtt5ProxyProperties {

    /**
     * Host name of the HTTP proxy. Requires proxy.port.
     */
    private String host;

    /**
     * Port of the HTTP proxy.
     */
    private Integer port;

    /**
     * User name for the proxy (basic authentication). Requires proxy.password.
     */
    private String username;

    /**
     * Password for the proxy.
     */
    private String password;

    /**
     * Whether the connection to the proxy itself uses TLS.
     */
    private boolean tls;

    /**
     * Location of the PEM certificate authorities to trust for TLS to the proxy. Defaults to
     * the JVM's trust store.
     */
    private Resource ca;

    public String getHost() {
        return this.host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return this.port;
    }

    public void setPort(Integer port) {
        this.port = port;
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

    public boolean isTls() {
        return this.tls;
    }

    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public Resource getCa() {
        return this.ca;
    }

    public void setCa(Resource ca) {
        this.ca = ca;
    }
}
