package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/** Gives back the lock of a prepared upgrade that is not to be committed: after a failure, or an interrupt, before any change. */
final class LockRelease {
    private LockRelease() {
    }

    /**
     * Runs release.sh and says whether the lock went. It runs with the interrupt flag cleared, since an interrupt is
     * often why it runs and would stop the release at once; the flag is set again afterwards (and by a second interrupt
     * during the release, which stops it: then the lock stays and the next run reports it as stale).
     */
    static boolean quietly(RemoteHost host, ProgressListener progress, PreparedUpgrade p, Duration within) {
        boolean interrupted = Thread.interrupted();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            host.execute(p.ownerCommand, HostScripts.script(p.params, null, HostScripts.load("release.sh")), out,
                    new ByteArrayOutputStream(), within);
            boolean released = HostFacts.parse(out.toByteArray()).is("released", "yes");
            if (released) {
                progress.info("Released the lock on the host; nothing in " + p.request.magentoRoot() + " was changed.");
            } else {
                progress.warning("The lock on the host is not this run's any more, so it was left alone; nothing in "
                        + p.request.magentoRoot() + " was changed.");
            }
            return released;
        } catch (IOException e) {
            progress.warning("Could not release the lock on the host (" + e.getMessage() + "); the next run will report it as stale.");
            return false;
        } catch (InterruptedException e) {
            interrupted = true;
            progress.warning("Interrupted again while releasing the lock on the host; the next run will report it as stale.");
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
