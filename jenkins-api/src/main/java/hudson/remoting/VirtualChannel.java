package hudson.remoting;

import java.io.IOException;

/** Stub of remoting 3261.v9c670a_4748a_9 {@code VirtualChannel} (subset). */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;

    void close() throws IOException;
}
