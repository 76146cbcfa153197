package io.jenkins.plugins.magentodmt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar for the host transaction is a campaign, not a case: many upgrades through the packaged command line, each
 * with one kill at a random moment (seeded; the seed is printed, -Dcampaign.seed=N replays it): the command line's JVM,
 * the SSH session, the running Composer, or the host-side transaction's shell. After each, once the host settled (or
 * the next run repaired it), the root is upgraded or byte-identical to before; every report is true; every backup a
 * report named exists. -Dcampaign.runs=N sets the number of runs (default 12, three per kind).
 */
class KillCampaignIT {
    private static final Path JAR = Path.of("target/magento-dmt-upgrade.jar");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]*)\"");
    private static final Pattern BACKUP = Pattern.compile("\"backupFile\":\"([^\"]*)\"");
    private static final Pattern RECOVERY = Pattern.compile("\"recovery\":\\[([^\\]]*)]");

    enum Kill { JVM, SSH_SESSION, COMPOSER, TRANSACTION }

    @TempDir
    Path work;

    @Test
    void everyKilledUpgradeEndsUpgradedOrByteIdenticalAndEveryReportIsTrue() throws Exception {
        assumeTrue(hasPhpAndComposer() || "true".equals(System.getenv("CI")), "php and composer are needed");
        long seed = Long.getLong("campaign.seed", System.nanoTime());
        int runs = Integer.getInteger("campaign.runs", 12);
        System.out.println("[campaign] seed " + seed + ", " + runs + " runs (replay with -Dcampaign.seed=" + seed + ")");
        Random random = new Random(seed);
        try (SandboxHost s = SandboxHost.start(work.resolve("sandbox"), "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Path root = Path.of(s.magentoRoot());
            Path pristine = work.resolve("pristine");
            copy(root, pristine);
            Map<String, String> before = tree(root);
            Path composer = composerWrapper();
            List<String> base = base(s, composer);
            Map<String, String> env = Map.of("AUTH", s.composerAuthJson());
            Run clean = cli(env, base, List.of());
            assertEquals(0, clean.exit, clean.err);
            Map<String, String> upgraded = tree(root);
            Map<String, int[]> figures = new TreeMap<>();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                reset(pristine, root);
                Kill kind = Kill.values()[i % Kill.values().length];
                // A sandbox upgrade takes about 2 s from the JVM's start, and Composer well under one: the windows cover that.
                long delay = switch (kind) {
                    case JVM, SSH_SESSION -> random.nextInt(3000);
                    case COMPOSER -> random.nextInt(600);
                    case TRANSACTION -> random.nextInt(900);
                };
                Files.deleteIfExists(work.resolve("composer.pid"));
                Process p = start(env, base, List.of("--json"), "run" + i);
                boolean killed = kill(kind, delay, p, s, root);
                assertTrue(p.waitFor(4, TimeUnit.MINUTES), "run " + i + " ended");
                String out = Files.readString(work.resolve("run" + i + ".out"));
                String err = Files.readString(work.resolve("run" + i + ".err"));
                String status = kind == Kill.JVM && p.exitValue() == 137 ? "(JVM killed)" : field(STATUS, out, "exit " + p.exitValue());
                settle(root);
                boolean locked = Files.exists(root.resolve("var/dmt-upgrade/lock"));
                String where = "run " + i + " (" + kind + " after " + delay + " ms, seed " + seed + "): " + status + "\n" + err;
                if (!locked) {
                    Map<String, String> now = tree(root);
                    assertTrue(now.equals(before) || now.equals(upgraded), "settled root is neither before nor upgraded, " + where);
                    // Every report is true: what it claims is what the host is.
                    if (status.equals("UPGRADED")) {
                        assertEquals(upgraded, now, where);
                    } else if (status.equals("FAILED_RESTORED") || status.startsWith("exit 3") || status.startsWith("exit 6")) {
                        assertEquals(before, now, where);
                    }
                }
                assertTrue(!status.equals("FAILED_NOT_RESTORED"), where);
                assertBackupExists(out, where);
                // The next run repairs what is left, then upgrades; a lock held by a prepared run whose JVM is gone needs
                // --break-lock (this campaign knows that JVM is dead).
                Run next = cli(env, base, List.of("--json"));
                String repair = field(RECOVERY, next.out, "");
                boolean broke = false;
                if (next.exit == 3 && next.err.contains("held by")) {
                    next = cli(env, base, List.of("--json", "--break-lock"));
                    repair = field(RECOVERY, next.out, "");
                    broke = true;
                }
                String nextStatus = field(STATUS, next.out, "exit " + next.exit);
                assertTrue(nextStatus.equals("UPGRADED") || nextStatus.equals("ALREADY_CURRENT"), "next " + where + "\n" + next.err);
                assertEquals(upgraded, tree(root), "after the next run, " + where);
                assertBackupExists(next.out, "next " + where);
                String outcome = status + (locked ? " / left locked" : "") + (repair.isEmpty() ? "" : " / repaired") + (broke ? " / break-lock" : "");
                figures.computeIfAbsent(kind + " | " + outcome, k -> new int[1])[0]++;
                lines.add("| " + i + " | " + kind + " | " + delay + (killed ? "" : " (nothing left to kill)") + " | " + status + " | "
                        + (locked ? "yes" : "no") + " | " + (repair.isEmpty() ? "-" : repair.replace("|", "/")) + " | " + nextStatus
                        + (broke ? " (with --break-lock)" : "") + " |");
            }
            StringBuilder md = new StringBuilder("seed " + seed + ", " + runs + " runs\n\n| kill | outcome | runs |\n|---|---|---|\n");
            figures.forEach((k, v) -> md.append("| ").append(k.replace(" | ", " | ")).append(" | ").append(v[0]).append(" |\n"));
            md.append("\n| run | kill | after ms | report of the killed run | locked once settled | next run's repair | next run |\n"
                    + "|---|---|---|---|---|---|---|\n");
            lines.forEach(l -> md.append(l).append('\n'));
            Files.writeString(Path.of("target/campaign.md"), md.toString());
            System.out.println(md);
        }
    }

    private boolean kill(Kill kind, long delay, Process cli, SandboxHost s, Path root) throws Exception {
        switch (kind) {
            case JVM -> {
                Thread.sleep(delay);
                return cli.isAlive() && cli.destroyForcibly() != null;
            }
            case SSH_SESSION -> {
                Thread.sleep(delay);
                return s.ssh().dropSessions() > 0;
            }
            case COMPOSER -> {
                return awaitThenKill(work.resolve("composer.pid"), delay, cli);
            }
            default -> {
                return awaitThenKill(root.resolve("var/dmt-upgrade/txn.pid"), delay, cli);
            }
        }
    }

    /** Waits for the pid file (or the run's end), then after the delay kills that process with SIGKILL. */
    private static boolean awaitThenKill(Path pidFile, long delay, Process cli) throws Exception {
        for (int i = 0; i < 1200 && cli.isAlive() && !Files.exists(pidFile); i++) {
            Thread.sleep(25);
        }
        Thread.sleep(delay);
        String pid;
        try {
            pid = Files.readString(pidFile).trim();
        } catch (IOException e) {
            return false;
        }
        if (pid.isEmpty()) {
            return false;
        }
        return new ProcessBuilder("kill", "-9", pid).redirectErrorStream(true).start().waitFor() == 0;
    }

    /** The host settles: the lock goes once the transaction ends; a dead one keeps it until the next run repairs. */
    private static void settle(Path root) throws Exception {
        Path state = root.resolve("var/dmt-upgrade");
        for (int i = 0; i < 600 && Files.exists(state.resolve("lock")); i++) {
            String pid = Files.exists(state.resolve("txn.pid")) ? Files.readString(state.resolve("txn.pid")).trim() : "";
            boolean running = !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            if (!running && i > 40) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private void assertBackupExists(String json, String where) {
        String backup = field(BACKUP, json, "");
        if (!backup.isEmpty()) {
            assertTrue(Files.exists(Path.of(backup)) || Files.exists(work.resolve(backup)), "the report named the backup " + backup + ", " + where);
        }
    }

    private static String field(Pattern p, String text, String otherwise) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    private Path composerWrapper() throws IOException {
        Path script = work.resolve("composer-wrapper");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo $$ > '" + work.resolve("composer.pid") + "'; fi\n"
                + "exec composer \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private List<String> base(SandboxHost s, Path composer) throws IOException {
        Path knownHosts = work.resolve("known_hosts");
        s.writeKnownHosts(knownHosts);
        List<String> args = new ArrayList<>(List.of("upgrade", "--host", s.host(), "--port", Integer.toString(s.port()), "--user", s.user(),
                "--identity", s.identityFile().toString(), "--known-hosts", knownHosts.toString(), "--magento-root", s.magentoRoot(),
                "--composer", composer.toString(), "--composer-auth-env", "AUTH", "--backup-dir", "backups", "--timeout", "3m"));
        if (io.jenkins.plugins.magentodmt.sandbox.MagentoProject.isRoot()) {
            args.add("--allow-root");
        }
        return args;
    }

    record Run(int exit, String out, String err) {
    }

    private int serial;

    private Run cli(Map<String, String> env, List<String> base, List<String> more) throws Exception {
        String name = "cli" + serial++;
        Process p = start(env, base, more, name);
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the command line finished");
        return new Run(p.exitValue(), Files.readString(work.resolve(name + ".out")), Files.readString(work.resolve(name + ".err")));
    }

    private Process start(Map<String, String> env, List<String> base, List<String> more, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(base);
        command.addAll(more);
        Files.createDirectories(work.resolve("backups"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().putAll(env);
        return pb.redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile()).start();
    }

    private static void copy(Path from, Path to) throws Exception {
        assertEquals(0, new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start().waitFor());
    }

    private static void reset(Path pristine, Path root) throws Exception {
        assertEquals(0, new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor());
        copy(pristine, root);
    }

    /** Every path but the state directory: type, mode, owner, and content (SHA-256) or link target. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> paths = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.equals("var/dmt-upgrade") || rel.startsWith("var/dmt-upgrade/")) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                String what = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file " + sha256(p);
                paths.put(rel, what + " " + Integer.toOctalString((Integer) a.get("mode")) + " " + a.get("uid") + ":" + a.get("gid"));
            }
        }
        return paths;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasPhpAndComposer() throws InterruptedException {
        try {
            return new ProcessBuilder("sh", "-c", "command -v php && command -v composer").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
