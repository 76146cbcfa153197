package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Queue}: only the nested {@code Task} type. */
public class Queue {
    private Queue() {}

    /** Real: also extends {@code hudson.model.queue.SubTask}. */
    public interface Task extends ModelObject {}
}
