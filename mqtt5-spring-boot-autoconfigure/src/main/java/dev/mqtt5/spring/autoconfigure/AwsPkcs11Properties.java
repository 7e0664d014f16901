package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * Mutual TLS with a private key in a PKCS#11 token, such as an HSM or TPM
 * ({@code aws.iot.mqtt5.pkcs11}).
 */
public class AwsPkcs11Properties {

    /**
     * Path of the PKCS#11 library, such as '/usr/lib/softhsm/libsofthsm2.so'.
     */
    private String library;

    /**
     * User PIN of the token.
     */
    private String userPin;

    /**
     * Slot of the token. Set this or pkcs11.token-label.
     */
    private Long slotId;

    /**
     * Label of the token. Set this or pkcs11.slot-id.
     */
    private String tokenLabel;

    /**
     * Label of the private key in the token; optional when the token holds one key.
     */
    private String privateKeyLabel;

    /**
     * Location of the PEM certificate that matches the token's private key.
     */
    private Resource certificate;

    public String getLibrary() {
        return this.library;
    }

    public void setLibrary(String library) {
        this.library = library;
    }

    public String getUserPin() {
        return this.userPin;
    }

    public void setUserPin(String userPin) {
        this.userPin = userPin;
    }

    public Long getSlotId() {
        return this.slotId;
    }

    public void setSlotId(Long slotId) {
        this.slotId = slotId;
    }

    public String getTokenLabel() {
        return this.tokenLabel;
    }

    public void setTokenLabel(String tokenLabel) {
        this.tokenLabel = tokenLabel;
    }

    public String getPrivateKeyLabel() {
        return this.privateKeyLabel;
    }

    public void setPrivateKeyLabel(String privateKeyLabel) {
        this.privateKeyLabel = privateKeyLabel;
    }

    public Resource getCertificate() {
        return this.certificate;
    }

    public void setCertificate(Resource certificate) {
        this.certificate = certificate;
    }
}
