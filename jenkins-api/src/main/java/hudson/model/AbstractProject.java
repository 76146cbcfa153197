package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.AbstractProject} (type only, for {@code isApplicable}). */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    AbstractProject() {}
}
