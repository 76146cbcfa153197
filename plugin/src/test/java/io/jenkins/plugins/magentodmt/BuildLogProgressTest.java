package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.StreamTaskListener;
import io.jenkins.plugins.magentodmt.core.Phase;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A controller killed mid-upgrade keeps what the log had received: every line the engine writes is flushed as it is
 * written, through a logger that buffers (as a remote stream from an agent does).
 */
class BuildLogProgressTest {
    @Test
    void everyLineReachesTheLogAsItIsWritten() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StreamTaskListener listener = new StreamTaskListener(new BufferedOutputStream(log, 64 * 1024), StandardCharsets.UTF_8);
        BuildLogProgress progress = new BuildLogProgress(listener);
        progress.phaseStarted(Phase.UPGRADE);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("Running composer require"), "phase line: " + log);
        progress.output("Installing magento/data-migration-tool (2.4.6.1)");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("Installing magento/data-migration-tool"), "host output: " + log);
        progress.info("Backup archived");
        progress.warning("careful");
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Backup archived") && text.contains("WARNING: careful"), text);
    }
}
