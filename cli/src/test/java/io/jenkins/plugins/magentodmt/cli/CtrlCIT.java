package io.jenkins.plugins.magentodmt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Ctrl-C that means stop: real signals (kill -INT, kill -TERM) to the packaged command line while it upgrades a
 * sandbox host. Before any change the run ends with exit 3 and no lock; during Composer the host restores and the
 * report says so (exit 4); a second Ctrl-C stops the wait (exit 7) and the next run reports what the host did.
 */
class CtrlCIT {
    private static final Path JAR = Path.of("target/magento-dmt-upgrade.jar");

    @TempDir
    Path work;

    @Test
    void sigintDuringComposerRestoresAndReportsCancelled() throws Exception {
        try (SandboxHost s = sandbox()) {
            Path root = Path.of(s.magentoRoot());
            Map<String, String> before = KillCampaignIT.tree(root);
            Process p = start(s, composer("sleep 30"), "run");
            awaitErr(p, "run", "composer finished; lingering");
            signal(p, "INT");
            Run r = finish(p, "run");
            assertEquals(4, r.exit, r.err);
            assertTrue(r.out.contains("FAILED_RESTORED") && r.out.contains("cancelled"), r.out + r.err);
            assertTrue(r.err.contains("Cancelling"), r.err);
            assertSettledAsBefore(root, before, r);
        }
    }

    @Test
    void sigtermDuringComposerRestoresAndPrintsTheJsonReport() throws Exception {
        try (SandboxHost s = sandbox()) {
            Path root = Path.of(s.magentoRoot());
            Map<String, String> before = KillCampaignIT.tree(root);
            Process p = start(s, composer("sleep 30"), "run", "--json");
            awaitErr(p, "run", "composer finished; lingering");
            signal(p, "TERM");
            Run r = finish(p, "run");
            assertEquals(4, r.exit, r.err);
            assertTrue(r.out.startsWith("{") && r.out.contains("\"status\":\"FAILED_RESTORED\"") && r.out.contains("cancelled"), r.out);
            assertSettledAsBefore(root, before, r);
        }
    }

    @Test
    void sigintDuringThePreflightChangesNothingAndExits3() throws Exception {
        try (SandboxHost s = sandbox()) {
            Path root = Path.of(s.magentoRoot());
            Map<String, String> before = KillCampaignIT.tree(root);
            // Listing the releases (composer show) is part of the preflight when no version is given.
            Path marker = work.resolve("show.started");
            Process p = start(s, composer("sleep 30", "[ \"$1\" = show ] && { touch '" + marker + "'; sleep 20; }"), "run");
            awaitFile(p, marker);
            signal(p, "INT");
            Run r = finish(p, "run");
            assertEquals(3, r.exit, r.err);
            assertTrue(r.err.contains("Cancelled before any change") && r.err.contains("nothing was locked or changed"), r.err);
            assertSettledAsBefore(root, before, r);
        }
    }

    @Test
    void sigintDuringTheBackupWaitsForItThenReleasesTheLockAndExits3() throws Exception {
        try (SandboxHost s = sandbox()) {
            Path root = Path.of(s.magentoRoot());
            Map<String, String> before = KillCampaignIT.tree(root);
            // With a version given, the backup (prepare.sh, holding the lock) checks Composer's version: slow it there.
            Path marker = work.resolve("backup.started");
            Path lock = root.resolve("var/dmt-upgrade/lock");
            Process p = start(s, composer("sleep 30", "[ \"$1\" = --version ] && [ -d '" + lock + "' ] && { touch '" + marker
                    + "'; sleep 6; }"), "run", "--version", SandboxHost.DEFAULT_EXPECTED_DMT_VERSION);
            awaitFile(p, marker);
            signal(p, "INT");
            Run r = finish(p, "run");
            assertEquals(3, r.exit, r.err);
            assertTrue(r.err.contains("Cancelled before any change") && r.err.contains("the lock was released"), r.err);
            assertSettledAsBefore(root, before, r);
        }
    }

    @Test
    void aSecondSigintStopsWaitingAndTheNextRunReportsWhatTheHostDid() throws Exception {
        try (SandboxHost s = sandbox()) {
            Path root = Path.of(s.magentoRoot());
            Map<String, String> before = KillCampaignIT.tree(root);
            // Composer that, asked to stop, takes its time: the restore waits for it, and so does the command line.
            String slowStop = "trap 'echo \"composer stopping slowly\"; sleep 12; exit 143' TERM; sleep 60 & wait $!";
            Process p = start(s, composer(slowStop), "run");
            awaitErr(p, "run", "composer finished; lingering");
            signal(p, "INT");
            awaitErr(p, "run", "composer stopping slowly");
            signal(p, "INT");
            Run r = finish(p, "run");
            assertEquals(7, r.exit, r.err);
            assertTrue(r.err.contains("Stopped waiting") && r.err.contains("by itself") && r.err.contains("next run"), r.err);
            awaitUnlocked(root);
            assertEquals(before, KillCampaignIT.tree(root), "the host restored by itself");
            Run check = run(List.of("check"), connection(s), "check");
            assertTrue((check.out + check.err).contains("ended unseen with FAILED_RESTORED"), check.out + check.err);
        }
    }

    private void assertSettledAsBefore(Path root, Map<String, String> before, Run r) {
        assertFalse(Files.exists(root.resolve("var/dmt-upgrade/lock")), "no lock left\n" + r.err);
        try {
            assertEquals(before, KillCampaignIT.tree(root), "byte-identical to before\n" + r.err);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A real Composer that lingers after changing the root; {@code before} runs first (for slowing other commands). */
    private Path composer(String linger, String... before) throws IOException {
        Path script = work.resolve("composer-wrapper");
        StringBuilder sh = new StringBuilder("#!/bin/sh\n");
        for (String b : before) {
            sh.append(b).append('\n');
        }
        sh.append("if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then\n"
                + "  composer \"$@\"; rc=$?\n  echo 'composer finished; lingering'\n  " + linger + "\n  exit $rc\nfi\n"
                + "exec composer \"$@\"\n");
        Files.writeString(script, sh.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private SandboxHost sandbox() throws IOException, InterruptedException {
        assumeTrue(hasPhpAndComposer() || "true".equals(System.getenv("CI")), "php and composer are needed");
        return SandboxHost.start(work.resolve("sandbox"), "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults());
    }

    private List<String> connection(SandboxHost s) throws IOException {
        Path knownHosts = work.resolve("known_hosts");
        s.writeKnownHosts(knownHosts);
        return List.of("--host", s.host(), "--port", Integer.toString(s.port()), "--user", s.user(),
                "--identity", s.identityFile().toString(), "--known-hosts", knownHosts.toString(), "--magento-root", s.magentoRoot());
    }

    private Process start(SandboxHost s, Path composer, String name, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("upgrade"));
        args.addAll(connection(s));
        args.addAll(List.of("--composer", composer.toString(), "--composer-auth-env", "AUTH", "--backup-dir", "backups", "--timeout", "3m"));
        if (MagentoProject.isRoot()) {
            args.add("--allow-root");
        }
        args.addAll(List.of(more));
        Files.createDirectories(work.resolve("backups"));
        return launch(args, Map.of("AUTH", s.composerAuthJson()), name);
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(List<String> command, List<String> connection, String name) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(connection);
        return finish(launch(args, Map.of(), name), name);
    }

    /**
     * The jar in its own JVM, with INT and TERM at their defaults: a JVM started with a signal ignored (a background
     * job of a non-interactive shell, say) keeps it ignored, and so would every process it starts.
     */
    private Process launch(List<String> args, Map<String, String> env, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().putAll(env);
        return pb.redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile()).start();
    }

    private Run finish(Process p, String name) throws Exception {
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the command line did not end:\n" + Files.readString(work.resolve(name + ".err")));
        }
        Run r = new Run(p.exitValue(), Files.readString(work.resolve(name + ".out")), Files.readString(work.resolve(name + ".err")));
        System.out.println("[" + name + "] exit " + r.exit + "\n" + r.err + r.out);
        return r;
    }

    /** A real signal, as a terminal's Ctrl-C or a service manager's stop sends it, to the command line's JVM. */
    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.toHandle().pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private void awaitErr(Process p, String name, String text) throws Exception {
        Path err = work.resolve(name + ".err");
        for (int i = 0; i < 1800; i++) {
            if (Files.readString(err).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        fail("never saw '" + text + "' (exit " + (p.isAlive() ? "none yet" : p.exitValue()) + "):\n" + Files.readString(err));
    }

    private static void awaitFile(Process p, Path file) throws Exception {
        for (int i = 0; i < 1800 && !Files.exists(file) && p.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), "never saw " + file);
    }

    /** The host-side transaction ends by itself; its lock goes last. */
    private static void awaitUnlocked(Path root) throws Exception {
        for (int i = 0; i < 1800 && Files.exists(root.resolve("var/dmt-upgrade/lock")); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(root.resolve("var/dmt-upgrade/lock")), "the host-side transaction ended");
    }

    private static boolean hasPhpAndComposer() throws InterruptedException {
        try {
            return new ProcessBuilder("sh", "-c", "command -v php && command -v composer").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
