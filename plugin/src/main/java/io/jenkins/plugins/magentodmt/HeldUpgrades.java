package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.PreparedUpgrade;
import io.jenkins.plugins.magentodmt.core.RemoteHost;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connections phase one left open, on the agent, while the controller archives the backup: only a shortcut. The
 * state between the phases is the host's lock and the ticket the controller holds; phase two takes the connection
 * when it is still here (by the lock holder, unique per step) and connects again when it is not. If the controller
 * never comes back, the entry expires and is abandoned before the host's lock would expire.
 */
final class HeldUpgrades {
    private static final Logger LOGGER = Logger.getLogger(HeldUpgrades.class.getName());
    private static final Map<String, Held> HELD = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService EXPIRY = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "magento-dmt-upgrade held upgrades expiry");
        t.setDaemon(true);
        return t;
    });

    private HeldUpgrades() {
    }

    /** One held upgrade. Whoever takes it out of the registry owns it, and closes the host. */
    static final class Held {
        final RemoteHost host;
        final DmtUpgrader upgrader;
        final PreparedUpgrade prepared;

        Held(RemoteHost host, DmtUpgrader upgrader, PreparedUpgrade prepared) {
            this.host = host;
            this.upgrader = upgrader;
            this.prepared = prepared;
        }
    }

    /** Keeps the prepared upgrade's connection under its lock holder, unique per step. */
    static void hold(String id, Held held, Duration keepFor) {
        HELD.put(id, held);
        EXPIRY.schedule(() -> expire(id), keepFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Removes and returns the held upgrade, or null when it is gone (expired, or held by another JVM). */
    @CheckForNull
    static Held take(String id) {
        return HELD.remove(id);
    }

    static int size() {
        return HELD.size();
    }

    private static void expire(String id) {
        Held held = take(id);
        if (held == null) {
            return;
        }
        LOGGER.warning(() -> "Abandoning the prepared Magento DMT upgrade " + id + " on " + held.host.describe()
                + ": the controller did not come back for it");
        try {
            held.upgrader.abandon(held.prepared);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not release the lock on " + held.host.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(held.host);
        }
    }

    static void closeQuietly(RemoteHost host) {
        try {
            host.close();
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Closing the connection to " + host.describe(), e);
        }
    }
}
