package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.BuildListener} (its {@code started}/{@code finished} defaults are left out). */
public interface BuildListener extends TaskListener {}
