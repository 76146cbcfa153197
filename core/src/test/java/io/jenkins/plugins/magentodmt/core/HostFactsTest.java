package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostFactsTest {
    private static final String PREFLIGHT = String.join("\n",
            "ssh_user=deploy", "root_exists=yes", "has:composer.json=yes", "has:composer.lock=yes", "has:bin/magento=yes",
            "has:vendor/composer/installed.json=yes", "lock_fresh=yes", "installed_dev=no",
            "has:app/etc=yes", "owner=www-data", "php=/usr/bin/php", "php_version=8.2.36", "magento=2.4.6-p3",
            "magento_source=composer.lock", "dmt=2.4.5", "dmt_dir_version=2.4.5", "switch=yes", "sudo=ok",
            "composer_version=2.5.5", "tools=checked", "owner_writable=yes", "dmt_kb=120", "free_kb=900000", "now=1764000000",
            "previous_status=FAILED_RESTORED", "previous_message=composer require exited 2", "available=2.4.8.1,2.4.6.1,2.4.6",
            "noise without an equals sign", "");

    private UpgradeRequest request(boolean breakLock) throws DmtException {
        return UpgradeRequest.builder("/var/www/magento").breakLock(breakLock).build();
    }

    @Test
    void parsesThePreflightScriptsOutput() throws DmtException {
        HostFacts f = HostFacts.parse(PREFLIGHT);
        assertEquals("2.4.6-p3", f.get("magento"));
        assertEquals(900000, f.number("free_kb"));
        assertEquals(-1, f.number("missing"));
        assertEquals(Map.of("status", "FAILED_RESTORED", "message", "composer require exited 2"), f.withPrefix("previous_"));
        Preflight.HostState s = Preflight.interpret(f, request(false), true, true);
        assertEquals("2.4.6-p3", s.magento().toString());
        assertEquals("2.4.5", s.installedDmt());
        assertEquals("www-data", s.owner());
        assertTrue(s.switchUser());
        assertEquals(List.of("2.4.8.1", "2.4.6.1", "2.4.6"), s.available());
    }

    @Test
    void repeatedKeysKeepEveryValue() {
        HostFacts f = HostFacts.parse("custom_added=a.xml\ncustom_added=b/c.xml\ncustom_added=\n");
        assertEquals(List.of("a.xml", "b/c.xml"), f.all("custom_added"));
    }

    @Test
    void eachUnmetRuleIsAPreflightErrorThatSaysWhatToDo() {
        assertPreflight("root_exists=no", "does not exist");
        assertPreflight("has:bin/magento=no\nhas:app/etc=no", "is not a Magento root");
        assertPreflight("php=", "PHP is not installed");
        assertPreflight("magento=", "Cannot tell the Magento version");
        assertPreflight("sudo=denied", "sudoers rule");
        assertPreflight("composer_version=2.1.14", "too old");
        assertPreflight("owner_writable=no", "cannot write");
        assertPreflight("has:composer.lock=no", "/var/www/magento/composer.lock is missing");
        assertPreflight("lock_fresh=no\nlock_content_hash=abc\njson_content_hash=def", "composer.lock is out of date with composer.json (content-hash abc");
        assertPreflight("has:vendor/composer/installed.json=no", "/var/www/magento/vendor/composer/installed.json is missing");
        assertPreflight("free_kb=100", "Not enough disk space");
        assertPreflight("owner=root\nswitch=no", "Composer would run as root");
        assertPreflight("lock_holder=jenkins #1\nlock_since=2026-11-25T10:00:00Z\nlock_alive=yes", "still running");
        assertPreflight("tool_missing=setsid\ntool_missing=comm -23 / -13", "lacks tools the upgrade uses (as the owner www-data unless said otherwise): setsid; comm -23 / -13.");
        assertPreflight("tools=", "Could not check, as www-data, the tools");
        assertPreflight("lock_holder=jenkins #1\nlock_expires=1\nlock_alive=no", "stale lock");
        assertPreflight("available_error=composer show exited 1: 401 Unauthorized", "Composer credentials");
    }

    @Test
    void aStaleLockMayBeBrokenWhenAskedButNeverALiveOne() throws DmtException {
        HostFacts stale = HostFacts.parse(PREFLIGHT + "\nlock_holder=x\nlock_expires=1\nlock_alive=no");
        assertEquals("www-data", Preflight.interpret(stale, request(true), true, true).owner());
        HostFacts alive = HostFacts.parse(PREFLIGHT + "\nlock_holder=x\nlock_since=t\nlock_pid=4242\nlock_alive=yes");
        DmtException e = assertThrows(DmtException.class, () -> Preflight.interpret(alive, request(true), true, true));
        assertTrue(e.getMessage().contains("Will not break the lock") && e.getMessage().contains("'x' since t")
                && e.getMessage().contains("still running on the host (pid 4242)"), e.getMessage());
        // The SSH user could not tell (no /proc): the owner-side step decides, so the preflight lets it look.
        HostFacts unknown = HostFacts.parse(PREFLIGHT + "\nlock_holder=x\nlock_alive=unknown");
        assertEquals("www-data", Preflight.interpret(unknown, request(true), true, true).owner());
    }

    @Test
    void checksNeedOnlyTheVersions() throws DmtException {
        HostFacts f = HostFacts.parse(PREFLIGHT + "\nsudo=denied\ncomposer_version=\nowner_writable=no");
        assertEquals("2.4.5", Preflight.interpret(f, request(false), false, false).installedDmt());
    }

    @Test
    void readsTheReleasesFromComposerShowJson() {
        String json = "{\n    \"name\": \"magento/data-migration-tool\",\n    \"keywords\": [],\n    \"versions\": [\n"
                + "        \"2.4.8.1\",\n        \"2.4.6.1\",\n        \"dev-develop\"\n    ],\n    \"requires\": {\"php\": \"*\"}\n}";
        assertEquals(List.of("2.4.8.1", "2.4.6.1", "dev-develop"), Preflight.composerShowVersions(json));
        assertEquals(List.of(), Preflight.composerShowVersions("not json"));
    }

    @Test
    void composerVersionsCompare() {
        assertTrue(Preflight.composerAtLeast("2.2.0", 2, 2));
        assertTrue(Preflight.composerAtLeast("2.10.1", 2, 2));
        assertFalse(Preflight.composerAtLeast("2.1.14", 2, 2));
        assertFalse(Preflight.composerAtLeast("1.10.26", 2, 2));
        assertFalse(Preflight.composerAtLeast("", 2, 2));
    }

    private void assertPreflight(String override, String expected) {
        HostFacts f = HostFacts.parse(PREFLIGHT + "\n" + override);
        DmtException e = assertThrows(DmtException.class, () -> Preflight.interpret(f, request(false), true, true), override);
        assertEquals(DmtException.Kind.PREFLIGHT, e.kind());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
