package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Actionable} (subset; real super is AbstractModelObject). */
public abstract class Actionable {
    public Actionable() {}

    @NonNull
    public final List<? extends Action> getAllActions() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException();
    }

    public void replaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException();
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException();
    }

    public boolean removeAction(Action a) {
        throw new UnsupportedOperationException();
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
