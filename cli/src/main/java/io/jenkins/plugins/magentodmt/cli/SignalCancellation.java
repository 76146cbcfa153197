package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM mean "stop", not "vanish": the first one cancels the run the way the engine knows how,
 * by interrupting its thread at a moment that leaves the host consistent, and the command line then reports what
 * happened. A second one stops waiting for the host; a third exits at once. A shutdown hook could not tell the first
 * signal from the second, hence {@link Signal}. A JVM started with INT ignored (a background job of a non-interactive
 * shell) keeps it ignored, and so does this class.
 */
final class SignalCancellation implements AutoCloseable {
    private final Thread worker;
    private final PrintStream err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final Object lock = new Object();
    /** The last phase the engine started; null before the first. Guarded by {@link #lock}, like the fields below. */
    private Phase phase;
    private boolean phaseRunning;
    private int signals;
    /** The phase the first signal came in (CONNECT before the first phase); null before it. */
    private Phase cancelledIn;
    /** The first signal came while prepare.sh wrote the backup under the lock: the interrupt waits for its end. */
    private boolean deferred;

    private SignalCancellation(Thread worker, PrintStream err) {
        this.worker = worker;
        this.err = err;
    }

    /** Handles INT and TERM for {@code worker} (the thread that runs the engine) until {@link #close}. */
    static SignalCancellation install(Thread worker, PrintStream err) {
        SignalCancellation c = new SignalCancellation(worker, err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                c.previous.put(signal, Signal.handle(signal, c::received));
            } catch (IllegalArgumentException e) {
                // This platform (or a JVM started with -Xrs) does not let us have it: the signal keeps its default.
            }
        }
        return c;
    }

    /** The engine's progress, passed on to {@code delegate}, tells this class which phase a signal would interrupt. */
    ProgressListener watch(ProgressListener delegate) {
        return new ProgressListener() {
            @Override
            public void phaseStarted(Phase p) {
                synchronized (lock) {
                    phase = p;
                    phaseRunning = true;
                }
                delegate.phaseStarted(p);
            }

            @Override
            public void phaseFinished(Phase p, Duration took) {
                delegate.phaseFinished(p, took);
                synchronized (lock) {
                    phaseRunning = false;
                    if (deferred) {
                        deferred = false;
                        err.println("The backup is written; cancelling now.");
                        // This is the engine's own thread: it sees the interrupt at its next step and abandons.
                        worker.interrupt();
                    }
                }
            }

            @Override
            public void output(String line) {
                delegate.output(line);
            }

            @Override
            public void info(String message) {
                delegate.info(message);
            }

            @Override
            public void warning(String message) {
                delegate.warning(message);
            }
        };
    }

    /** The phase the first signal came in (CONNECT before the first phase), or null when none came. */
    Phase cancelledIn() {
        synchronized (lock) {
            return cancelledIn;
        }
    }

    /**
     * True when the first signal came before the engine began to lock. Its interrupt reached the engine before the
     * BACKUP phase began (both happen under this class's lock), and the engine never sends prepare.sh with an
     * interrupt pending: whatever failed after it (an interrupt can surface from the SSH library, or from a process
     * the sandbox starts, as an I/O failure) changed nothing on the host.
     */
    boolean cancelledBeforeTheLock() {
        synchronized (lock) {
            return cancelledIn != null && cancelledIn.compareTo(Phase.BACKUP) < 0;
        }
    }

    private void received(Signal signal) {
        synchronized (lock) {
            signals++;
            String name = "SIG" + signal.getName();
            if (signals == 1) {
                first(name);
            } else if (signals == 2) {
                err.println(name + " again: no longer waiting for the host. What runs there finishes or restores by itself; "
                        + "the next run (check or upgrade) reports its outcome. " + name + " once more exits at once.");
                deferred = false;
                worker.interrupt();
            } else {
                err.println(name + " a third time: exiting now (status 130).");
                err.flush();
                // halt, not exit: nothing is left that should run, and a shutdown hook must not keep this JVM alive.
                Runtime.getRuntime().halt(130);
            }
        }
    }

    /** Says what the first signal does, in the phase it interrupts, and does it. */
    private void first(String name) {
        Phase p = phase == null ? Phase.CONNECT : phase;
        cancelledIn = p;
        String again = " A second Ctrl-C (or SIGTERM) stops waiting.";
        if (p == Phase.BACKUP && phaseRunning) {
            deferred = true;
            err.println("Cancelling (" + name + "): the backup is being written on the host under the lock; once it is done, "
                    + "the lock is released and nothing is changed." + again);
            return;
        }
        if (p.compareTo(Phase.BACKUP) < 0) {
            err.println("Cancelling (" + name + "): nothing has been locked or changed on the host; stopping now.");
        } else if (p == Phase.BACKUP || p == Phase.DOWNLOAD) {
            err.println("Cancelling (" + name + "): nothing in the root has changed; releasing the lock." + again);
        } else if (p == Phase.UPGRADE) {
            err.println("Cancelling (" + name + "): asking the host to stop Composer and restore the backup, then reporting "
                    + "what it did." + again);
        } else {
            // VERIFY and FINISH read what the host already did: the report follows in a moment.
            err.println("Cancelling (" + name + "): the host has finished already; reporting its outcome.");
            return;
        }
        worker.interrupt();
    }

    /** Gives INT and TERM back their earlier handlers: the JVM's own, which exit. */
    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // It was never ours to replace.
            }
        });
        previous.clear();
    }
}
