package io.jenkins.plugins.magentodmt.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** Where the Magento root lives: over SSH, or this machine itself. Commands run through the host's POSIX shell. */
public interface RemoteHost extends Closeable {

    /**
     * Runs {@code command} with {@code stdin} as its whole standard input.
     *
     * @return the exit code
     * @throws CommandTimeoutException when it is still running after {@code timeout} (it is then stopped)
     * @throws IOException when the connection fails; the command's fate on the host is then unknown
     */
    int execute(String command, byte[] stdin, OutputStream stdout, OutputStream stderr, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * A new connection to the same host, with the same credentials and host key, for following a transaction after
     * this connection dropped. The caller closes it.
     *
     * @throws IOException when it cannot connect (or this kind of host cannot reconnect)
     */
    default RemoteHost reconnect() throws IOException, InterruptedException {
        throw new IOException(describe() + " cannot reconnect");
    }

    /** For messages: "ssh deploy@shop.example.com:22" or "local". */
    String describe();

    /** A command did not finish in time. */
    final class CommandTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        public CommandTimeoutException(String message) {
            super(message);
        }
    }
}
