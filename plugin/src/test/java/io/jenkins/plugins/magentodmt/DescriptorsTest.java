package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

/** What Jenkins reads from the descriptors, and the indices it finds them by. */
class DescriptorsTest {
    private static final Path CLASSES = Path.of(System.getProperty("classes.dir", "target/classes"));

    @Test
    void stepDescriptor() {
        MagentoDmtUpgradeStep.DescriptorImpl d = new MagentoDmtUpgradeStep.DescriptorImpl();
        assertEquals("magentoDmtUpgrade", d.getFunctionName());
        assertEquals("Upgrade Magento Data Migration Tool", d.getDisplayName());
        assertEquals(Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class), d.getRequiredContext());
        assertFalse(d.takesImplicitBlockArgument());
        assertEquals("shop.example.com:/var/www/magento",
                d.argumentsToString(Map.of("host", "shop.example.com", "magentoRoot", "/var/www/magento", "credentialsId", "x")));
    }

    @Test
    void builderDescriptor() {
        MagentoDmtUpgradeBuilder.DescriptorImpl d = new MagentoDmtUpgradeBuilder.DescriptorImpl();
        assertEquals("Upgrade Magento Data Migration Tool", d.getDisplayName());
        assertTrue(d.isApplicable(AbstractProject.class));
    }

    @Test
    void hostKeyVerificationSymbols() {
        assertArrayEquals(new String[] {"knownHostsFile"},
                KnownHostsFileVerification.DescriptorImpl.class.getAnnotation(Symbol.class).value());
        assertArrayEquals(new String[] {"manuallyProvidedKey"},
                ManuallyProvidedKeyVerification.DescriptorImpl.class.getAnnotation(Symbol.class).value());
        assertArrayEquals(new String[] {"acceptAnyHostKey"},
                AcceptAnyHostKeyVerification.DescriptorImpl.class.getAnnotation(Symbol.class).value());
        assertEquals("Known hosts file", new KnownHostsFileVerification.DescriptorImpl().getDisplayName());
    }

    /** The hand-written index (no annotation-indexer on Maven Central) lists exactly the classes that carry @Symbol. */
    @Test
    void symbolIndexListsExactlyTheSymbolClasses() throws Exception {
        assertEquals(annotatedClasses(Symbol.class), indexLines("META-INF/services/annotations/org.jenkinsci.Symbol"));
    }

    @Test
    void extensionIndexListsEveryExtension() throws Exception {
        String index = new String(Files.readAllBytes(CLASSES.resolve("META-INF/annotations/hudson.Extension")), StandardCharsets.ISO_8859_1);
        Set<String> extensions = annotatedClasses(Extension.class);
        assertEquals(8, extensions.size(), extensions.toString());
        for (String name : extensions) {
            assertTrue(index.contains(name), name + " in sezpoz's index");
            Class<?> c = Class.forName(name);
            assertTrue(Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null || Modifier.isStatic(c.getModifiers())), name);
            c.getConstructor().newInstance();
        }
    }

    static Set<String> indexLines(String resource) throws IOException {
        Set<String> lines = new TreeSet<>();
        Files.readAllLines(CLASSES.resolve(resource)).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        return lines;
    }

    static Set<String> annotatedClasses(Class<? extends java.lang.annotation.Annotation> annotation) throws Exception {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = CLASSES.relativize(p).toString();
                if (rel.endsWith(".class")) {
                    String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                    if (Class.forName(name, false, DescriptorsTest.class.getClassLoader()).isAnnotationPresent(annotation)) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }
}
