package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Stub of Jenkins 2.479.3 {@code hudson.model.queue.Tasks} (subset). */
public class Tasks {
    public Tasks() {}

    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException();
    }
}
