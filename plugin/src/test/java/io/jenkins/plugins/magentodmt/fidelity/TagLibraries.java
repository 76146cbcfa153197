package io.jenkins.plugins.magentodmt.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Jelly tag libraries a Jenkins 2.479.3 controller with credentials 1453 renders our views with, as test data
 * read from the sources (see the header of each file under {@code src/test/resources/fidelity/} for the repository,
 * tag, commit and path it was read from).
 */
final class TagLibraries {
    /** One tag: the attributes its documentation declares (null: it declares none, so any is accepted) and the required ones. */
    record Tag(String name, Set<String> attributes, Set<String> required) {
        boolean accepts(String attribute) {
            return attributes == null || attributes.contains(attribute);
        }
    }

    /** Namespace URI to the file that lists its tags. */
    static final Map<String, String> LIBRARIES = Map.of(
            "jelly:core", "jelly-core.txt",
            "jelly:stapler", "jelly-stapler.txt",
            "/lib/form", "lib-form.txt",
            "/lib/layout", "lib-layout.txt",
            "/lib/hudson", "lib-hudson.txt",
            "/lib/credentials", "lib-credentials.txt");

    private static final Map<String, Map<String, Tag>> CACHE = new LinkedHashMap<>();

    private TagLibraries() {
    }

    static boolean known(String uri) {
        return LIBRARIES.containsKey(uri);
    }

    /** The tags of the library at this namespace URI, by name. */
    static synchronized Map<String, Tag> tags(String uri) {
        return CACHE.computeIfAbsent(uri, u -> load(LIBRARIES.get(u)));
    }

    static Map<String, Tag> load(String file) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        try (InputStream in = TagLibraries.class.getResourceAsStream("/fidelity/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test data /fidelity/" + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                Set<String> attributes = null;
                Set<String> required = new TreeSet<>();
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].startsWith("attrs=")) {
                        attributes = new TreeSet<>(Arrays.asList(parts[i].substring("attrs=".length()).split(",")));
                    } else if (parts[i].startsWith("required=")) {
                        required.addAll(Arrays.asList(parts[i].substring("required=".length()).split(",")));
                    } else {
                        throw new IllegalStateException(file + ": cannot read " + line);
                    }
                }
                tags.put(parts[0], new Tag(parts[0], attributes, required));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tags;
    }
}
