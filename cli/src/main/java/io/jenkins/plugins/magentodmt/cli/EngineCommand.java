package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import io.jenkins.plugins.magentodmt.core.RemoteHost;
import io.jenkins.plugins.magentodmt.core.UpgradeAbandonedException;
import io.jenkins.plugins.magentodmt.core.UpgradeInterruptedException;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What check and upgrade share: the connection, the root, the report, and the mapping of failures to exit codes. */
abstract class EngineCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--magento-root", paramLabel = "PATH", required = true, description = "The Magento root on the host.")
    String magentoRoot;

    @Option(names = "--json", description = "Print the report as JSON, and nothing else, on standard output.")
    boolean json;

    final PrintStream out = System.out;
    final PrintStream err = System.err;

    /** Validates every option before anything connects. */
    abstract UpgradeRequest request() throws DmtException;

    abstract UpgradeReport run(DmtUpgrader upgrader, UpgradeRequest request) throws DmtException, IOException, InterruptedException;

    @Override
    public Integer call() {
        try (SignalCancellation cancellation = SignalCancellation.install(Thread.currentThread(), err)) {
            return call(cancellation);
        }
    }

    private int call(SignalCancellation cancellation) {
        ProgressListener progress = cancellation.watch(new ConsoleProgress(err));
        try {
            UpgradeRequest request = request();
            progress.phaseStarted(Phase.CONNECT);
            long start = System.nanoTime();
            try (RemoteHost host = connection.open(progress::warning)) {
                progress.phaseFinished(Phase.CONNECT, Duration.ofNanos(System.nanoTime() - start));
                UpgradeReport report = run(new DmtUpgrader(host, progress), request);
                ReportPrinter.print(report, json, out);
                return report.status().exitCode();
            }
        } catch (DmtException e) {
            // A refusal with a report (Composer's, say): --json still gets a report on standard output.
            if (json && e.report().isPresent()) {
                ReportPrinter.print(e.report().get(), true, out);
            }
            err.println("ERROR: " + e.getMessage());
            return e.kind().exitCode();
        } catch (UpgradeInterruptedException e) {
            if (e.report().isPresent()) {
                return CancelledRun.reported(e.report().get(), json, out, err);
            }
            err.println("ERROR: " + e.getMessage());
            Thread.currentThread().interrupt();
            // What the host said it did; without word from it the outcome is unknown here, not "not restored".
            return "FAILED_RESTORED".equals(e.hostStatus()) ? ExitCodes.RESTORED : ExitCodes.INTERRUPTED;
        } catch (UpgradeAbandonedException e) {
            return CancelledRun.abandoned(e, err);
        } catch (InterruptedException e) {
            if (cancellation.cancelledIn() != null) {
                return CancelledRun.withoutReport(cancellation.cancelledIn(), err);
            }
            err.println("ERROR: " + e.getMessage());
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        } catch (IOException e) {
            if (cancellation.cancelledBeforeTheLock()) {
                return CancelledRun.beforeTheLock(err);
            }
            err.println("ERROR: " + e.getMessage());
            return ExitCodes.CONNECTION;
        }
    }

}
