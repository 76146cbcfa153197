package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * follow.sh reports a transaction that has ended. After an abort two of them can be waiting for the same transaction
 * (the abandoned one, whose connection was cut, and the one the cancel started); whichever comes second must still
 * report the outcome, not nothing.
 */
class FollowScriptTest {
    @TempDir
    Path state;

    private String follow() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(state.resolve("txn.pid"), ended.pid() + "\n");
        Files.writeString(state.resolve("txn.log"), "[host] composer require magento/data-migration-tool:2.4.6.1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LocalHost local = new LocalHost()) {
            assertEquals(0, local.execute("exec sh -s", HostScripts.script(Map.of("DMT_STATE", state.toString(), "DMT_BACKUP_NAME", "dmt-backup-run1.tar.gz"), null,
                    HostScripts.load("follow.sh")), out, new ByteArrayOutputStream(), Duration.ofSeconds(20)));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsTheResultAndMarksItSeen() throws Exception {
        Files.writeString(state.resolve("result"), "status=UPGRADED\nmessage=installed\nrun=dmt-backup-run1.tar.gz\n");
        String out = follow();
        assertTrue(out.contains("[host] composer require") && out.contains("@@DMT-RESULT@@\nstatus=UPGRADED\n"), out);
        assertTrue(Files.exists(state.resolve("result.reported")) && !Files.exists(state.resolve("result")));
    }

    @Test
    void aSecondFollowerStillReportsTheResultTheFirstOneTook() throws Exception {
        Files.writeString(state.resolve("result.reported"), "status=FAILED_RESTORED\nmessage=aborted\nrun=dmt-backup-run1.tar.gz\n");
        String out = follow();
        assertTrue(out.contains("@@DMT-RESULT@@\nstatus=FAILED_RESTORED\n"), out);
    }
}
