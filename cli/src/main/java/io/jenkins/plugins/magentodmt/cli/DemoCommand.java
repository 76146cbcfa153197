package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.ComposerAuth;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import io.jenkins.plugins.magentodmt.core.SshHost;
import io.jenkins.plugins.magentodmt.core.SshSettings;
import io.jenkins.plugins.magentodmt.core.UpgradeAbandonedException;
import io.jenkins.plugins.magentodmt.core.UpgradeInterruptedException;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a disposable Magento host (sandbox), upgrades its old tool to the matching release over SSH, and cleans up. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Upgrades a disposable local Magento host (Magento 2.4.6-p3, DMT 2.4.5) over SSH, then cleans up.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = "magento-dmt-demo-backup",
            description = "Where the backup goes (default: ${DEFAULT-VALUE}).")
    Path backupDir;

    @Option(names = "--json", description = "Print the report as JSON on standard output.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String missing = missingTools();
        if (missing != null) {
            System.err.println("ERROR: the demo runs real PHP and Composer, and " + missing + " not installed. On Debian or Ubuntu:\n"
                    + "  sudo apt-get install php-cli composer unzip php-zip php-curl");
            return ExitCodes.PREFLIGHT;
        }
        try (SignalCancellation cancellation = SignalCancellation.install(Thread.currentThread(), System.err)) {
            return demo(cancellation);
        }
    }

    /** The demo, where Ctrl-C cancels as in an upgrade, and the sandbox is removed after it too. */
    private int demo(SignalCancellation cancellation) throws IOException, InterruptedException {
        ProgressListener progress = cancellation.watch(new ConsoleProgress(System.err));
        Path work = Files.createTempDirectory("magento-dmt-demo");
        System.err.println("Starting the sandbox Magento host in " + work + " (a local Composer repository, Magento "
                + SandboxHost.DEFAULT_MAGENTO_VERSION + " with DMT " + SandboxHost.DEFAULT_DMT_VERSION + ", an SSH server) …");
        try (SandboxHost sandbox = SandboxHost.startDemo(work)) {
            Path knownHosts = work.resolve("known_hosts");
            sandbox.writeKnownHosts(knownHosts);
            SshSettings ssh = new SshSettings(sandbox.host(), sandbox.port(), sandbox.user(),
                    Files.readString(sandbox.identityFile(), StandardCharsets.UTF_8), null, null,
                    HostKeyPolicy.knownHosts(knownHosts), Duration.ofSeconds(20));
            boolean root = "root".equals(System.getProperty("user.name"));
            UpgradeRequest request = UpgradeRequest.builder(sandbox.magentoRoot())
                    .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                    .backupDir(backupDir.toAbsolutePath())
                    .allowRoot(root)
                    .holder("magento-dmt-upgrade demo")
                    .timeout(Duration.ofMinutes(10))
                    .build();
            if (root) {
                System.err.println("Note: running as root, so the sandbox root belongs to root; the demo allows Composer to run as root.");
            }
            System.err.println("Upgrading over SSH " + ssh + ", host key checked against " + knownHosts + " …");
            progress.phaseStarted(Phase.CONNECT);
            long start = System.nanoTime();
            try (SshHost host = SshHost.connect(ssh, progress::warning)) {
                progress.phaseFinished(Phase.CONNECT, Duration.ofNanos(System.nanoTime() - start));
                UpgradeReport report = new DmtUpgrader(host, progress).upgrade(request);
                ReportPrinter.print(report, json, System.out);
                if (!json) {
                    System.out.println();
                    System.out.println("The backup went to " + backupDir.toAbsolutePath() + "; the sandbox host is removed now.");
                }
                return report.status().exitCode();
            }
        } catch (UpgradeInterruptedException e) {
            if (e.report().isEmpty()) {
                throw e;
            }
            return CancelledRun.reported(e.report().get(), json, System.out, System.err);
        } catch (UpgradeAbandonedException e) {
            return CancelledRun.abandoned(e, System.err);
        } catch (InterruptedException e) {
            if (cancellation.cancelledIn() == null) {
                throw e;
            }
            return CancelledRun.withoutReport(cancellation.cancelledIn(), System.err);
        } catch (DmtException e) {
            System.err.println("ERROR: " + e.getMessage());
            return e.kind().exitCode();
        } catch (IOException e) {
            if (cancellation.cancelledBeforeTheLock()) {
                return CancelledRun.beforeTheLock(System.err);
            }
            System.err.println("ERROR: " + e.getMessage());
            return ExitCodes.CONNECTION;
        }
    }

    private static String missingTools() throws IOException, InterruptedException {
        StringBuilder missing = new StringBuilder();
        for (String tool : new String[] {"php", "composer", "unzip"}) {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                missing.append(missing.length() == 0 ? "" : ", ").append(tool);
            }
        }
        return missing.length() == 0 ? null : missing + (missing.indexOf(",") > 0 ? " are" : " is");
    }
}
