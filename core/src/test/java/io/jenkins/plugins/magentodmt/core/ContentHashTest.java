package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-side freshness check of composer.lock agrees with the real Composer: each composer.json here gets its
 * lock from {@code composer update}, which the check must call up to date; a change to a key Composer hashes makes
 * it out of date, a change to one it ignores does not.
 */
class ContentHashTest {
    @TempDir
    Path dir;

    private static final List<String> COMPOSER_JSONS = List.of(
            "{\"require\": {\"php\": \">=7.4\"}}",
            // Slashes, non-ASCII text, empty objects, nested extra, platform config, and keys in an odd order.
            "{\n  \"version\": \"1.0.0\",\n  \"name\": \"acme/shop\",\n  \"description\": \"Boutique é ü — ☃\",\n"
                    + "  \"require\": {\"php\": \">=7.4\", \"ext-json\": \"*\"},\n  \"require-dev\": {},\n"
                    + "  \"conflict\": {\"acme/old\": \"<1.0\"}, \"replace\": {\"acme/gone\": \"*\"}, \"provide\": {\"acme/api\": \"1.0\"},\n"
                    + "  \"minimum-stability\": \"dev\", \"prefer-stable\": true,\n"
                    + "  \"repositories\": [{\"type\": \"composer\", \"url\": \"https://repo.magento.com/\"}, {\"packagist.org\": false}],\n"
                    + "  \"extra\": {\"magento-force\": \"override\", \"map\": [[\"a/b\", \"c/d\"]], \"empty\": {}, \"n\": 1.5, \"t\": \"\\u00e9\\/x\"},\n"
                    + "  \"config\": {\"platform\": {\"php\": \"8.2.0\"}, \"sort-packages\": true},\n"
                    + "  \"scripts\": {\"post-update-cmd\": \"true\"}\n}\n");

    private String lockFacts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LocalHost local = new LocalHost()) {
            int exit = local.execute("exec sh -s", HostScripts.script(Map.of("DMT_ROOT", dir.toString()), null,
                    "cd \"$DMT_ROOT\" && read_lock_facts"), out, err, Duration.ofMinutes(1));
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void agreesWithTheLockThatComposerWrote() throws Exception {
        Prerequisites.require("php", "composer");
        for (String json : COMPOSER_JSONS) {
            Path composerJson = dir.resolve("composer.json");
            Files.writeString(composerJson, json, StandardCharsets.UTF_8);
            Files.deleteIfExists(dir.resolve("composer.lock"));
            Process update = new ProcessBuilder("composer", "update", "--no-install", "--no-interaction", "--no-plugins", "--no-scripts")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            update.getOutputStream().close();
            String log = new String(update.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, update.waitFor(), log);
            assertTrue(Files.exists(dir.resolve("composer.lock")), log);
            assertTrue(lockFacts().contains("lock_fresh=yes\n"), json + "\n" + lockFacts());

            Files.writeString(composerJson, json.replaceFirst("\\{", "{\"license\": \"MIT\", "), StandardCharsets.UTF_8);
            assertTrue(lockFacts().contains("lock_fresh=yes\n"), "license is not hashed: " + lockFacts());
            Files.writeString(composerJson, json.replace(">=7.4", ">=8.1"), StandardCharsets.UTF_8);
            assertTrue(lockFacts().contains("lock_fresh=no\n"), "require is hashed: " + lockFacts());
        }
    }

    @Test
    void aLockWithoutContentHashIsComparedByTheFilesMd5LikeComposerDoes() throws Exception {
        String json = "{\"require\": {\"php\": \">=7.4\"}}\n";
        Files.writeString(dir.resolve("composer.json"), json);
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(json.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("composer.lock"), "{\"hash\": \"" + md5 + "\", \"packages\": []}\n");
        assertTrue(lockFacts().contains("lock_fresh=yes\n"), lockFacts());
        Files.writeString(dir.resolve("composer.lock"), "{\"packages\": []}\n");
        assertTrue(lockFacts().contains("lock_fresh=no\n"), "no hash at all: Composer calls it out of date. " + lockFacts());
    }
}
