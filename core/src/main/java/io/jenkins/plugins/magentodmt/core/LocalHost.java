package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The engine runs on the Magento host itself: the same scripts, through {@code /bin/sh}, without SSH. */
public final class LocalHost implements RemoteHost {

    @Override
    public int execute(String command, byte[] stdin, OutputStream stdout, OutputStream stderr, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).start();
        Thread in = pump(new ByteArrayInputStream(stdin), process.getOutputStream(), true);
        Thread out = pump(process.getInputStream(), stdout, false);
        Thread err = pump(process.getErrorStream(), stderr, false);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CommandTimeoutException("the command did not finish within " + timeout.toSeconds() + " s");
            }
            out.join();
            err.join();
            return process.exitValue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            in.interrupt();
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
        Thread t = new Thread(() -> {
            try (InputStream source = from) {
                source.transferTo(to);
                to.flush();
            } catch (IOException e) {
                // The process ended or its pipe closed: what was copied is all there is.
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed by the process
                    }
                }
            }
        }, "dmt-local-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
