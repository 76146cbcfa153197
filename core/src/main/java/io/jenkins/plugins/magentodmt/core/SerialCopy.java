package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/** A deep copy of something small and Serializable (a report and what it belongs to), through its serial form. */
final class SerialCopy {
    private SerialCopy() {
    }

    static <T extends Serializable> T of(T original) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + original.getClass().getSimpleName(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T copy = (T) in.readObject();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + original.getClass().getSimpleName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy " + original.getClass().getSimpleName(), e);
        }
    }
}
