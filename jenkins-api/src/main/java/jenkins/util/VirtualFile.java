package jenkins.util;

import java.io.IOException;
import java.io.Serializable;

/** Stub of Jenkins 2.479.3 {@code jenkins.util.VirtualFile} (subset: what the plugin asks of the artifact area). */
public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {
    public VirtualFile() {}

    public abstract VirtualFile child(String name);

    public abstract boolean exists() throws IOException;
}
