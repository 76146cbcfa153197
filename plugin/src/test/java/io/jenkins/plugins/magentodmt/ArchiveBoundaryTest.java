package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.FilePath;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller archives what the agent names, so it checks the names itself: only files under this run's backup
 * folder, and never over an artifact the build already has.
 */
class ArchiveBoundaryTest {
    @TempDir
    Path dir;
    private Path workspace;
    private Doubles.RecordingServices services;
    private UpgradeRun run;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("secret.key"), "controller secret", StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve("magento-dmt-backup/shop.example.com"));
        Files.writeString(workspace.resolve("magento-dmt-backup/shop.example.com/dmt-backup-a.tar.gz"), "backup", StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve("notes.txt"), "not a backup", StandardCharsets.UTF_8);
        services = new Doubles.RecordingServices(Files.createDirectories(dir.resolve("archive")), () -> "");
        UpgradeRun.services = services;
        MagentoDmtUpgradeStep step = new MagentoDmtUpgradeStep("shop.example.com", "ssh", "/var/www/magento");
        StreamTaskListener listener = new StreamTaskListener(new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        run = new UpgradeRun(UpgradeOptions.literal(step), new Doubles.TestRun(), new FilePath(workspace.toFile()),
                new Doubles.TestLauncher(listener), listener);
    }

    @AfterEach
    void tearDown() {
        UpgradeRun.services = JenkinsServices.JENKINS;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.key", "/etc/passwd", "magento-dmt-backup/shop.example.com/../../../secret.key",
            "magento-dmt-backup/shop.example.com/./dmt-backup-a.tar.gz", "notes.txt", "magento-dmt-backup/other.example.com/x.tar.gz",
            "magento-dmt-backup/shop.example.com\\..\\..\\notes.txt", "magento-dmt-backup/shop.example.com/", ""})
    void onlyFilesUnderTheRunsBackupFolderAreArchived(String reported) {
        AbortException e = assertThrows(AbortException.class, () -> run.archive(reported, "sha", ""));
        assertTrue(e.getMessage().contains("magento-dmt-backup/shop.example.com/"), e.getMessage());
        assertEquals(List.of(), services.archivedPaths);
        if (!reported.isEmpty()) { // an empty customizations path means there is no list
            assertThrows(AbortException.class, () -> run.archive("magento-dmt-backup/shop.example.com/dmt-backup-a.tar.gz", "sha", reported));
            assertEquals(List.of(), services.archivedPaths, "the customizations list is checked as well, before anything is archived");
        }
    }

    @Test
    void anExistingArtifactIsNeverOverwritten() throws Exception {
        String name = "magento-dmt-backup/shop.example.com/dmt-backup-a.tar.gz";
        Path earlier = Files.createDirectories(services.archiveDir.resolve(name).getParent()).resolve("dmt-backup-a.tar.gz");
        Files.writeString(earlier, "an earlier branch's backup", StandardCharsets.UTF_8);
        AbortException e = assertThrows(AbortException.class, () -> run.archive(name, "sha", ""));
        assertTrue(e.getMessage().contains("already"), e.getMessage());
        assertEquals("an earlier branch's backup", Files.readString(earlier, StandardCharsets.UTF_8));
    }

    @Test
    void aBackupUnderTheFolderIsArchived() throws Exception {
        run.archive("magento-dmt-backup/shop.example.com/dmt-backup-a.tar.gz", "sha", "");
        assertEquals(List.of("magento-dmt-backup/shop.example.com/dmt-backup-a.tar.gz"), services.archivedPaths);
    }
}
