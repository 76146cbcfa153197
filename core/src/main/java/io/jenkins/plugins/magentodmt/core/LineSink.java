package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands on complete lines as they arrive, so Composer's output shows live. */
final class LineSink extends OutputStream {
    private static final int MAX_LINE = 64 * 1024;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineSink(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || current.size() >= MAX_LINE) {
            flushLine();
            if (b == '\n') {
                return;
            }
        }
        current.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void flushLine() {
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    @Override
    public synchronized void close() {
        if (current.size() > 0) {
            flushLine();
        }
    }
}
