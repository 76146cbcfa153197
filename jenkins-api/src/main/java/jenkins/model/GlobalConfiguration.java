package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Stub of Jenkins 2.479.3 {@code jenkins.model.GlobalConfiguration} (subset): a section of Manage Jenkins → System,
 * itself its own descriptor. Its {@code configure} binds the submitted section onto the instance's setters.
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected GlobalConfiguration() {
        super((Class) GlobalConfiguration.class);
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }
}
