package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One SSH "exec" request, run like OpenSSH runs it: {@code /bin/sh -c <command>} in a real process, with the
 * channel's stdin, stdout and stderr wired to it and its exit status sent back.
 */
final class ShellCommand implements Command {

    private final String command;
    private final Path workingDirectory;
    private final Map<String, String> extraEnvironment;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback callback;
    private volatile Process process;

    ShellCommand(String command, Path workingDirectory, Map<String, String> extraEnvironment) {
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.extraEnvironment = extraEnvironment;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        builder.directory(workingDirectory.toFile());
        // Like Debian's sshd (AcceptEnv LANG LC_*): only locale variables pass from the client.
        env.getEnv().forEach((name, value) -> {
            if (name.equals("LANG") || name.startsWith("LC_")) {
                builder.environment().put(name, value);
            }
        });
        builder.environment().putAll(extraEnvironment);
        process = builder.start();
        Thread stdin = pump(in, process.getOutputStream(), "stdin", true);
        Thread stdout = pump(process.getInputStream(), out, "stdout", false);
        Thread stderr = pump(process.getErrorStream(), err, "stderr", false);
        Thread waiter = new Thread(() -> {
            int status;
            try {
                status = process.waitFor();
                // All output must reach the channel before the exit status does, or the client may lose its tail.
                stdout.join();
                stderr.join();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                status = 255;
            }
            stdin.interrupt();
            callback.onExit(status);
        }, "sandbox-ssh-exec-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    /**
     * Copies one stream to another, flushing as it goes (the SSH channel sends on flush). The process's stdin is
     * closed at the client's EOF so commands like {@code cat} finish.
     */
    private static Thread pump(InputStream from, OutputStream to, String name, boolean closeTarget) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The process ended or the channel closed: nothing more to copy.
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed by the process's exit
                    }
                }
            }
        }, "sandbox-ssh-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
