package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.KnownHostKey;
import io.jenkins.plugins.magentodmt.MagentoHostKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's host keys as Jenkins keeps them: Manage Jenkins → System submits the section, which
 * {@code GlobalConfiguration.configure} binds onto the instance's setters with Stapler ({@code req.bindJSON(this,
 * json)}), and {@code save()} writes the instance with XStream. Both with the real libraries.
 */
class ControllerHostKeysStorageTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    private static List<String> described(MagentoHostKeys keys) {
        return keys.getKeys().stream().map(k -> k.getHost() + ":" + k.getPort() + " " + k.getKey()).toList();
    }

    @Test
    void theSystemPageSectionBindsOntoTheStore() {
        MagentoHostKeys keys = new MagentoHostKeys();
        // f:repeatableProperty submits an array for two entries and a bare object for one.
        StaplerForms.bindOnto(keys, """
                {"keys": [{"host": " shop.example.com ", "port": "22", "key": " %s "},
                          {"host": "shop.example.com", "port": "2222", "key": "%s"}],
                 "trustFirstKey": true}
                """.formatted(KEY, KEY));
        assertEquals(List.of("shop.example.com:22 " + KEY, "shop.example.com:2222 " + KEY), described(keys));
        assertTrue(keys.isTrustFirstKey());

        StaplerForms.bindOnto(keys, """
                {"keys": {"host": "other.example.com", "port": "22", "key": "%s"}, "trustFirstKey": false}
                """.formatted(KEY));
        assertEquals(List.of("other.example.com:22 " + KEY), described(keys));
    }

    @Test
    void theStoreRoundTripsThroughXStream() {
        MagentoHostKeys keys = new MagentoHostKeys();
        keys.setKeys(List.of(new KnownHostKey("shop.example.com", 2222, KEY)));
        keys.setTrustFirstKey(true);
        String xml = SavedJobXStreamTest.xstream().toXML(keys);
        MagentoHostKeys read = (MagentoHostKeys) SavedJobXStreamTest.xstream().fromXML(xml);
        assertEquals(described(keys), described(read), xml);
        assertTrue(read.isTrustFirstKey(), xml);
        assertTrue(!xml.contains("clazz"), "the descriptor's own fields are transient: " + xml);
    }

    @Test
    void aFileWithoutKeysReadsAsNoKeys() {
        MagentoHostKeys read = (MagentoHostKeys) SavedJobXStreamTest.xstream().fromXML(
                "<io.jenkins.plugins.magentodmt.MagentoHostKeys><trustFirstKey>false</trustFirstKey></io.jenkins.plugins.magentodmt.MagentoHostKeys>");
        assertEquals(List.of(), read.getKeys());
    }
}
