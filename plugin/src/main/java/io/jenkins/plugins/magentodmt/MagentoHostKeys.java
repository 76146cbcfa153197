package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Magento hosts' SSH keys, kept on the controller (Manage Jenkins → System), for agents that have no known_hosts
 * file of their own (cloud and Kubernetes agents). With {@code trustFirstKey}, a host not listed yet has the key it
 * shows on its first connection recorded here, and every later connection refuses any other key.
 */
@Extension
@Symbol("magentoDmtHostKeys")
public class MagentoHostKeys extends GlobalConfiguration {
    private List<KnownHostKey> keys = new ArrayList<>();
    private boolean trustFirstKey;

    public MagentoHostKeys() {
        load();
    }

    static MagentoHostKeys get() {
        return ExtensionList.lookupSingleton(MagentoHostKeys.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.MagentoHostKeys_DisplayName();
    }

    public synchronized List<KnownHostKey> getKeys() {
        return new ArrayList<>(keys);
    }

    @DataBoundSetter
    public synchronized void setKeys(List<KnownHostKey> keys) {
        this.keys = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
        save();
    }

    public boolean isTrustFirstKey() {
        return trustFirstKey;
    }

    @DataBoundSetter
    public synchronized void setTrustFirstKey(boolean trustFirstKey) {
        this.trustFirstKey = trustFirstKey;
        save();
    }

    @CheckForNull
    synchronized String keyOf(String host, int port) {
        return keys.stream().filter(k -> k.isFor(host, port)).map(KnownHostKey::getKey).findFirst().orElse(null);
    }

    /**
     * Records a first key, unless one was recorded meanwhile (a parallel branch): the key that is kept is returned,
     * so that both branches verify against the same one.
     */
    synchronized String recordFirstKey(String host, int port, String key) {
        String known = keyOf(host, port);
        if (known != null) {
            return known;
        }
        keys.add(new KnownHostKey(host, port, key));
        save();
        return key;
    }

    /** XStream runs no field initializer: a file written without keys reads as an empty list. */
    protected Object readResolve() {
        if (keys == null) {
            keys = new ArrayList<>();
        }
        return this;
    }
}
