package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutual TLS with the private key on a real PKCS#11 token: SoftHSM2, initialised here with a key
 * generated inside the token and a certificate from the test CA. Surefire points SOFTHSM2_CONF
 * at target/softhsm.
 */
@ExtendWith(MosquittoExtension.class)
class Pkcs11ConnectionTest {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String LABEL = "mqtt5-device";
    private static final String PIN = "4711-user";
    private static final String KEY_LABEL = "device-key";

    private static long slot;
    private static long otherSlot;
    private static Path certificate;
    private final AwsClients clients = new AwsClients();

    @BeforeAll
    static void initialiseToken() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF must be set (see the Surefire configuration)").isNotNull();
        Path folder = Path.of(conf).getParent();
        Path tokens = folder.resolve("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> files = Files.walk(tokens)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens.toAbsolutePath()
                + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        slot = initToken(LABEL, PIN);
        otherSlot = initToken("another-token", "0000-other");

        Provider provider = Security.getProvider("SunPKCS11").configure("--name = mqtt5-test-setup\nlibrary = "
                + LIBRARY + "\nslot = " + slot + "\n");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, PIN.toCharArray()); // logs in: the key is generated inside the token
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        var cert = ClientIdentities.clientCertificate(keys.getPublic());
        token.setKeyEntry(KEY_LABEL, keys.getPrivate(), null, new Certificate[] {cert});
        certificate = Files.writeString(folder.resolve("device.pem.crt"), ClientIdentities.pem(cert),
                StandardCharsets.US_ASCII);
    }

    private static long initToken(String label, String pin) throws Exception {
        Process process = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                "--so-pin", "so-" + pin).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Matcher slotId = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertThat(slotId.find()).as(output).isTrue();
        return Long.parseLong(slotId.group(1));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void connectsWithTheTokenChosenBySlotId(MosquittoBroker broker) throws Exception {
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", LIBRARY, PIN.toCharArray(), slot,
                KEY_LABEL, certificate).port(broker.mtlsPort()).trustedCertificates(TestCertificates.get().ca().certificate()));
    }

    @Test
    void connectsWithTheTokenChosenByLabel(MosquittoBroker broker) throws Exception {
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", LIBRARY, PIN.toCharArray(),
                LABEL, null, certificate).port(broker.mtlsPort())
                .trustedCertificates(TestCertificates.get().ca().certificate()));
    }

    @Test
    void wrongPinNamesTheSettingWithoutThePin() {
        // PKCS#11 login state is shared by all sessions of the JVM, so use the token nobody logged in to.
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", LIBRARY, "9999-wrong".toCharArray(),
                otherSlot, KEY_LABEL, certificate))
                .hasMessageContaining("pkcs11 userPin was refused").hasMessageContaining("CKR_PIN_INCORRECT")
                .hasMessageNotContaining("9999-wrong");
    }

    @Test
    void unknownTokenLabelListsTheTokensPresent() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", LIBRARY, PIN.toCharArray(),
                "no-such-token", KEY_LABEL, certificate))
                .hasMessageContaining("pkcs11 tokenLabel 'no-such-token' matches no token")
                .hasMessageContaining("'" + LABEL + "'").hasMessageContaining("'another-token'");
    }

    @Test
    void unknownKeyLabelListsTheKeysPresent() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", LIBRARY, PIN.toCharArray(), slot,
                "no-such-key", certificate))
                .hasMessageContaining("pkcs11 privateKeyLabel 'no-such-key' matches no private key")
                .hasMessageContaining(KEY_LABEL);
    }

    @Test
    void missingLibraryNamesTheSetting() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs11("localhost", Path.of("/nope/libp11.so"),
                PIN.toCharArray(), slot, KEY_LABEL, certificate))
                .hasMessageContaining("pkcs11 library '/nope/libp11.so' does not exist");
    }
}
