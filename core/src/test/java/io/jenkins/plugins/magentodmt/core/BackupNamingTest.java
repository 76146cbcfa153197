package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet upgraded from one workspace: every backup has a file of its own, and none is ever overwritten. */
class BackupNamingTest {
    private static final Instant SAME_SECOND = Instant.parse("2026-12-02T05:00:00Z");

    @TempDir
    Path dir;

    @Test
    void namesDifferByHostPortRootAndRun() {
        Set<String> names = new HashSet<>();
        for (String host : List.of("ssh deploy@shop.example.com:22", "ssh deploy@shop.example.com:2222", "ssh deploy@other.example.com:22")) {
            for (String root : List.of("/var/www/magento", "/srv/shop1/magento", "/srv/shop2/magento")) {
                assertTrue(names.add(BackupName.of(host, root, "2.4.5", SAME_SECOND)), host + " " + root);
            }
        }
        assertEquals(9, names.size());
        String once = BackupName.of("ssh deploy@shop.example.com:22", "/var/www/magento", "2.4.5", SAME_SECOND);
        String again = BackupName.of("ssh deploy@shop.example.com:22", "/var/www/magento", "2.4.5", SAME_SECOND);
        assertNotEquals(once, again, "two runs in the same second on the same root");
    }

    @Test
    void namesAreSafeAndBounded() {
        String name = BackupName.of("ssh " + "x".repeat(300) + "@h:22", "/" + "very-long-dir/".repeat(40) + "magento 2", "", SAME_SECOND);
        assertTrue(name.matches("dmt-backup-[A-Za-z0-9._-]+\\.tar\\.gz"), name);
        assertTrue(name.length() <= 160, name.length() + ": " + name);
        assertTrue(name.contains("-none-"), name);
        assertTrue(BackupName.of("ssh deploy@shop.example.com:2222", "/var/www/magento", "2.4.5", SAME_SECOND)
                .startsWith("dmt-backup-deploy_shop.example.com_2222-magento-"));
    }

    @Test
    void aDownloadNeverOverwritesAnExistingBackup() throws Exception {
        Path target = dir.resolve("dmt-backup-x.tar.gz");
        Files.writeString(target, "the backup of an earlier run", StandardCharsets.UTF_8);
        byte[] script = "printf 'new bytes'\n".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class,
                () -> BackupDownload.fetch(new LocalHost(), "sh -s", script, target, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("the backup of an earlier run", Files.readString(target, StandardCharsets.UTF_8));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no partial file is left");
        }
    }

    @Test
    void aPartialFileOfAnotherDownloadIsNeverShared() throws Exception {
        Path target = dir.resolve("dmt-backup-y.tar.gz");
        Path foreign = dir.resolve("dmt-backup-y.tar.gz.part");
        Files.writeString(foreign, "someone else's download", StandardCharsets.UTF_8);
        byte[] script = "printf 'new bytes'\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> BackupDownload.fetch(new LocalHost(), "sh -s", script, target, Duration.ofSeconds(30)));
        assertEquals("someone else's download", Files.readString(foreign, StandardCharsets.UTF_8));
    }
}
