package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.Launcher} (subset). The constructor and the two getters keep
 * the real behaviour so that tests can make a launcher; starting processes is not declared.
 */
public abstract class Launcher {
    @NonNull
    protected final TaskListener listener;

    @CheckForNull
    protected final VirtualChannel channel;

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    public boolean isUnix() {
        throw new UnsupportedOperationException();
    }
}
