package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.util.StreamTaskListener} (subset, real behaviour): a
 * {@code TaskListener} whose logger is a {@code PrintStream} over the given stream. The real superclass
 * {@code AbstractTaskListener} is restricted and left out.
 */
public class StreamTaskListener implements TaskListener, Closeable {
    private static final long serialVersionUID = 1L;

    @NonNull
    private final transient PrintStream out;

    @CheckForNull
    private final transient Charset charset;

    /** @deprecated as in the real class: use {@link #StreamTaskListener(OutputStream, Charset)}. */
    @Deprecated
    public StreamTaskListener(@NonNull OutputStream out) {
        this(out, null);
    }

    public StreamTaskListener(@NonNull OutputStream out, @CheckForNull Charset charset) {
        if (charset == null) {
            this.out = out instanceof PrintStream ? (PrintStream) out : new PrintStream(out, false, Charset.defaultCharset());
        } else {
            this.out = new PrintStream(out, false, charset);
        }
        this.charset = charset;
    }

    public static StreamTaskListener fromStdout() {
        return new StreamTaskListener(System.out, Charset.defaultCharset());
    }

    public static StreamTaskListener fromStderr() {
        return new StreamTaskListener(System.err, Charset.defaultCharset());
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    public Charset getCharset() {
        return charset != null ? charset : Charset.defaultCharset();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public void closeQuietly() {
        out.close();
    }
}
