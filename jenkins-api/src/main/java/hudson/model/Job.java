package hudson.model;

import hudson.ExtensionPoint;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Job} (real super is AbstractItem, which extends Actionable and implements Item). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Item, ExtensionPoint {
    Job() {}
}
