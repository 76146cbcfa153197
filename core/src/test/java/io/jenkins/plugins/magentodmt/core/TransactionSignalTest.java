package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops reach the transaction's own process group, and only while the recorded pid is still that transaction; the
 * owner-side lock step never breaks the lock of a transaction that runs.
 */
class TransactionSignalTest {
    @TempDir
    Path work;

    @Test
    void theWatchdogStopsEverythingComposerStartedNotOnlyComposer() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = f.snapshot();
            // Composer's own child: a sleep with a duration nothing else on the machine uses.
            Path script = work.resolve("slow-composer");
            Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer is slow'; sleep 4713; fi\n"
                    + "exec composer \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                UpgradeReport r = f.upgrade(f.request().composerCommand(script.toString()).timeout(Duration.ofSeconds(6)).build());
                assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
                assertEquals(before, f.snapshot());
                assertEquals("", pgrep("^sleep 4713$"), "Composer's child was stopped with the transaction's process group");
            } finally {
                for (String pid : pgrep("^sleep 4713$").split("\\s+")) {
                    if (!pid.isEmpty()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
                    }
                }
            }
        }
    }

    @Test
    void cancelLeavesAProcessThatIsNotTheTransactionAlone() throws Exception {
        Path state = Files.createDirectories(work.resolve("state"));
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            // The pid file of a transaction that is gone, whose pid a php-fpm worker (here: a sleep) now has.
            Files.writeString(state.resolve("txn.pid"), stranger.pid() + "\n");
            Files.writeString(state.resolve("txn.start"), "1\n");
            run("cancel.sh", Map.of("DMT_STATE", state.toString()));
            assertTrue(stranger.isAlive(), "cancel.sh signalled a process that is not the transaction");
            Files.delete(state.resolve("txn.start"));
            run("cancel.sh", Map.of("DMT_STATE", state.toString()));
            assertTrue(stranger.isAlive(), "without a recorded start time, the command line still tells it apart");
        } finally {
            stranger.destroy();
        }
    }

    @Test
    void theOwnerSideLockStepRefusesToBreakTheLockOfARunningTransaction() throws Exception {
        Path root = Files.createDirectories(work.resolve("magento"));
        Files.writeString(root.resolve("composer.json"), "{}\n");
        Path state = Files.createDirectories(root.resolve("var/dmt-upgrade"));
        Path lock = Files.createDirectories(state.resolve("lock"));
        Files.writeString(lock.resolve("holder"), "jenkins shop #41\n");
        Files.writeString(lock.resolve("since"), "2026-11-25T10:00:00Z\n");
        // A transaction as launch.sh starts one: its own session, its script in the state directory.
        Files.writeString(state.resolve("transaction.sh"), "echo $$ > \"$(dirname \"$0\")/txn.pid\"\n"
                + "trap 'kill $nap; exit 0' TERM; sleep 600 & nap=$!; wait $nap\n");
        Process txn = new ProcessBuilder("setsid", "sh", state.resolve("transaction.sh").toString()).start();
        try {
            for (int i = 0; i < 200 && !Files.exists(state.resolve("txn.pid")); i++) {
                Thread.sleep(20);
            }
            String stat = Files.readString(Path.of("/proc/" + txn.pid() + "/stat"));
            Files.writeString(state.resolve("txn.start"), stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19] + "\n");
            Map<String, String> params = new LinkedHashMap<>();
            params.put("DMT_ROOT", root.toString());
            params.put("DMT_STATE", state.toString());
            params.put("DMT_OWNER", System.getProperty("user.name"));
            params.put("DMT_COMPOSER", "composer");
            params.put("DMT_HOLDER", "jenkins shop #42");
            params.put("DMT_EXPIRES", "0");
            params.put("DMT_BREAK_LOCK", "yes");
            params.put("DMT_BACKUP_NAME", "dmt-backup-test.tar.gz");
            params.put("DMT_CHECK_COMPOSER", "yes");
            Result r = run("prepare.sh", params);
            assertEquals(3, r.exit, r.out);
            assertTrue(r.out.contains("error=running") && r.out.contains("lock_holder=jenkins shop #41"), r.out);
            assertFalse(r.out.contains("broke_lock"), r.out);
            assertEquals("jenkins shop #41\n", Files.readString(lock.resolve("holder")));
            assertFalse(Files.exists(state.resolve("dmt-backup-test.tar.gz")));
            assertTrue(txn.isAlive());
        } finally {
            txn.destroy();
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String script, Map<String, String> params) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LocalHost local = new LocalHost()) {
            int exit = local.execute("exec sh -s", HostScripts.script(params, null, HostScripts.load(script)), out, err,
                    Duration.ofSeconds(60));
            return new Result(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        }
    }

    static String pgrep(String pattern) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-f", pattern).start();
        String found = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return found;
    }
}
