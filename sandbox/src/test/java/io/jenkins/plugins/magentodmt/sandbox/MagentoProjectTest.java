package io.jenkins.plugins.magentodmt.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Composer against the sandbox repository: the behaviours an upgrade engine relies on. */
class MagentoProjectTest {

    static final String DMT_JSON = "vendor/magento/data-migration-tool/composer.json";

    @TempDir
    static Path workDir;
    static ComposerRepositoryServer repo;

    @BeforeAll
    static void start() throws Exception {
        repo = ComposerRepositoryServer.start(workDir.resolve("repo"),
                ComposerRepositoryServer.Options.defaults().brokenDmtVersion("2.4.6.2"));
    }

    @AfterAll
    static void stop() {
        repo.close();
    }

    private static MagentoProject create(String name, String magento, String dmt) throws Exception {
        return MagentoProject.create(workDir.resolve(name), repo, magento, dmt);
    }

    @Test
    void createsProjectWithRequestedVersions() throws Exception {
        long start = System.nanoTime();
        MagentoProject project = create("p246", "2.4.6-p3", "2.4.5");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 30_000, "project creation took " + millis + " ms");

        assertEquals("2.4.6-p3", project.magentoVersion());
        assertEquals("2.4.5", project.installedDmtVersion());
        assertEquals("5.4.0", project.lockedVersion("symfony/console"));
        Path root = project.root();
        assertTrue(Files.readString(root.resolve(DMT_JSON)).contains("\"version\": \"2.4.5\""));
        assertTrue(Files.readString(root.resolve("vendor/magento/data-migration-tool/src/Migration/Version.php"))
                .contains("'2.4.5'"));
        Path map = root.resolve("vendor/magento/data-migration-tool/etc/opensource-to-opensource/1.9.4.5/map.xml.dist");
        assertTrue(Files.readString(map).contains("2.4.5"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(map)));
        assertTrue(Files.readString(root.resolve("auth.json")).contains(MagentoProject.FAKE_AUTH_SECRET));
        for (String path : List.of("app/etc/env.php", "app/etc/di.xml", "pub/index.php", "var", "generated")) {
            assertTrue(Files.exists(root.resolve(path)), path);
        }

        CommandResult version = run(root, "bin/magento", "--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertEquals("Magento CLI 2.4.6-p3\n", version.stdout());
        CommandResult backup = run(root, "bin/magento", "setup:backup", "--code");
        assertEquals(1, backup.exitCode());
        assertTrue(backup.stdout().contains("Backup functionality is currently disabled."), backup.toString());
        assertTrue(Files.readString(root.resolve("var/log/sandbox-cli.log")).contains("setup:backup --code"));
        project.addDmtFile("etc/custom-map.xml", "<map/>\n");
        assertTrue(Files.exists(root.resolve("vendor/magento/data-migration-tool/etc/custom-map.xml")));
    }

    @Test
    void showAllListsEveryDmtVersionAsJson() throws Exception {
        MagentoProject project = create("show", "2.4.6-p3", "2.4.5");
        CommandResult show = project.composer("show", "--all", "--format=json", "magento/data-migration-tool");
        assertEquals(0, show.exitCode(), show.toString());
        String json = show.stdout();
        assertTrue(json.startsWith("{"), json);
        assertTrue(json.contains("\"name\": \"magento/data-migration-tool\""), json);
        // Newest first, plain strings: the installed one is not marked in JSON (text format prints "* 2.4.5").
        assertTrue(json.replaceAll("\\s+", "").contains(
                "\"versions\":[\"2.4.8.1\",\"2.4.6.2\",\"2.4.6.1\",\"2.4.6\",\"2.4.5\",\"2.4.4\"]"), json);
        assertTrue(json.contains("\"path\": \""), "installed package has a path: " + json);
    }

    @Test
    void requireUpgradesDmt() throws Exception {
        MagentoProject project = create("upgrade", "2.4.6-p3", "2.4.5");
        CommandResult require = project.composer("require", "--no-interaction", "--no-progress",
                "magento/data-migration-tool:2.4.6.1");
        assertEquals(0, require.exitCode(), require.toString());
        assertEquals("2.4.6.1", project.installedDmtVersion());
        assertTrue(Files.readString(project.root().resolve(DMT_JSON)).contains("\"version\": \"2.4.6.1\""));
        assertTrue(Files.readString(project.root().resolve("composer.json"))
                .contains("\"magento/data-migration-tool\": \"2.4.6.1\""));
    }

    @Test
    void brokenReleaseFailsAfterRemovingOldDmtAndLeavesNewManifests() throws Exception {
        MagentoProject project = create("broken", "2.4.6-p3", "2.4.5");
        Path root = project.root();
        CommandResult require = project.composer("require", "--no-interaction", "--no-progress",
                "magento/data-migration-tool:2.4.6.2");
        // Composer exits with ZipArchive's error code ER_NOZIP (19), the exception code of the failed extraction.
        assertEquals(19, require.exitCode(), require.toString());
        assertTrue(require.stderr().contains("is not a zip archive"), require.toString());
        // Composer 2.5 does not revert: composer.json and composer.lock already name the broken release ...
        assertTrue(Files.readString(root.resolve("composer.json"))
                .contains("\"magento/data-migration-tool\": \"2.4.6.2\""));
        assertEquals("2.4.6.2", project.installedDmtVersion());
        // ... the old package directory is gone, and vendor/composer/installed.json still records the old one.
        assertFalse(Files.exists(root.resolve("vendor/magento/data-migration-tool")));
        String installed = Files.readString(root.resolve("vendor/composer/installed.json"));
        assertTrue(installed.matches("(?s).*\"name\": \"magento/data-migration-tool\",\\s*\"version\": \"2.4.5\".*"));
    }

    @Test
    void dmtForAnotherMagentoLineDoesNotResolve() throws Exception {
        MagentoProject project = create("conflict", "2.4.6-p3", "2.4.5");
        String composerJson = Files.readString(project.root().resolve("composer.json"));
        CommandResult require = project.composer("require", "--no-interaction", "magento/data-migration-tool:2.4.4");
        assertEquals(2, require.exitCode(), require.toString());
        assertTrue(require.stderr().contains("symfony/console"), require.toString());
        // A resolution failure is reverted by Composer itself.
        assertEquals(composerJson, Files.readString(project.root().resolve("composer.json")));
        assertEquals("2.4.5", project.installedDmtVersion());
    }

    @Test
    void magento247HasNoMatchingDmtAnd248Has() throws Exception {
        MagentoProject m247 = create("m247", "2.4.7-p3", null);
        assertEquals("2.4.7-p3", m247.magentoVersion());
        assertNull(m247.installedDmtVersion());
        assertFalse(Files.exists(m247.root().resolve("vendor/magento/data-migration-tool")));
        CommandResult require = m247.composer("require", "--no-interaction", "--dry-run",
                "magento/data-migration-tool:2.4.6.1");
        assertNotEquals(0, require.exitCode(), require.toString());

        MagentoProject m248 = create("m248", "2.4.8-p1", "2.4.8.1");
        assertEquals("2.4.8.1", m248.installedDmtVersion());
        assertEquals("3.6.0", m248.lockedVersion("monolog/monolog"));
    }

    @Test
    void composerNeedsHostAndPortAsHttpBasicKey() throws Exception {
        MagentoProject project = create("authkey", "2.4.6-p3", null);
        Map<String, String> env = new HashMap<>(MagentoProject.composerEnvironment(repo, project.composerHome()));
        env.put("COMPOSER_AUTH", "{\"http-basic\":{\"127.0.0.1\":{\"username\":\"" + repo.publicKey()
                + "\",\"password\":\"" + repo.privateKey() + "\"}}}");
        env.put("COMPOSER_CACHE_DIR", "/dev/null"); // no cached metadata: force a request
        CommandResult show = Processes.run(List.of("composer", "show", "--all", "--format=json",
                "magento/data-migration-tool"), project.root(), env);
        assertNotEquals(0, show.exitCode(), show.toString());
        assertTrue(show.stderr().contains("You must be using the interactive console to authenticate"),
                show.toString());
    }

    private static CommandResult run(Path dir, String... command) throws Exception {
        return Processes.run(new ArrayList<>(List.of(command)), dir, Map.of());
    }
}
