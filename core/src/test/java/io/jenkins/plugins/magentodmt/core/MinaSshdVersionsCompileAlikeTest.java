package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine links the same against the MINA SSHD it is tested with (the one the declared mina-sshd-api plugins
 * bundle) and the newest one a Jenkins site may hold: core/pom.xml compiles the sources a second time against the
 * newer sshd-core/sshd-common, and here each class file must equal the one in target/classes, byte for byte. A
 * different overload, owner or inlined constant on either side shows up as a differing class.
 */
class MinaSshdVersionsCompileAlikeTest {
    private static final Path BUILT = Path.of(System.getProperty("classes.dir", "target/classes"));
    private static final Path AGAINST_NEWEST = Path.of(System.getProperty("mina.newest.classes.dir", "target/mina-newest/classes"));

    @Test
    void engineCompilesToIdenticalClassesAgainstBothMinaReleases() throws IOException {
        assertTrue(Files.isDirectory(AGAINST_NEWEST),
                AGAINST_NEWEST + " is missing: the process-classes phase of core/pom.xml compiles it (mvn -pl core verify)");
        Map<String, byte[]> built = classFiles(BUILT);
        Map<String, byte[]> newest = classFiles(AGAINST_NEWEST);
        assertFalse(built.isEmpty(), "no classes under " + BUILT);
        assertEquals(built.keySet(), newest.keySet(), "the same classes from both compilations");
        List<String> differing = new ArrayList<>();
        built.forEach((name, bytes) -> {
            if (!Arrays.equals(bytes, newest.get(name))) {
                differing.add(name);
            }
        });
        assertEquals(List.of(), differing, "classes that differ when compiled against MINA SSHD "
                + System.getProperty("mina.versions", "(tested and newest)") + "; compare with javap -c -v");
    }

    private static Map<String, byte[]> classFiles(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                classes.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return classes;
    }
}
