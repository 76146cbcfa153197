package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.jelly.JellyException;
import org.apache.commons.jelly.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.MetaClassLoader;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.jelly.InternationalizedStringExpression;
import org.kohsuke.stapler.jelly.JellyClassLoaderTearOff;
import org.kohsuke.stapler.jelly.ResourceBundle;

/**
 * Every view and help page the plugin ships, compiled the way Jenkins compiles a view: by Stapler's own Jelly context
 * ({@code JellyClassLoaderTearOff.createContext()}, whose parser hands each {@code ${%…}} to
 * {@link InternationalizedStringExpression}). Stapler reads {@code ${%Text (more)}} as the key {@code Text } called with
 * the JEXL argument {@code more}: a key whose parenthesised part is not JEXL makes the whole page fail to render, and
 * one whose part is JEXL silently loses it. Both fail here.
 */
class StaplerJellyViewsTest {
    private static final Pattern MESSAGE = Pattern.compile("\\$\\{(%[^}]*)}");

    /** The plugin's views and help pages by their resource path, read from where the plugin's classes are. */
    static Map<String, URL> pages() throws IOException, URISyntaxException {
        URI where = MagentoDmtUpgradeStep.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Map<String, URL> pages = new TreeMap<>();
        Path root = Path.of(where);
        if (Files.isDirectory(root)) {
            collect(root, pages);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                collect(jar.getPath("/"), pages);
            }
        }
        return pages;
    }

    private static void collect(Path root, Map<String, URL> pages) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = root.relativize(p).toString().replace('\\', '/');
                String file = p.getFileName() == null ? "" : p.getFileName().toString();
                if (name.endsWith(".jelly") || (file.startsWith("help") && file.endsWith(".html"))) {
                    URL url = StaplerJellyViewsTest.class.getClassLoader().getResource(name);
                    assertTrue(url != null, name + " is not on the class path");
                    pages.put(name, url);
                }
            }
        }
    }

    static Stream<String> pageNames() throws IOException, URISyntaxException {
        return pages().keySet().stream();
    }

    /** Compiles as Jenkins does, within a request: Stapler finds the page's resource bundle through the request's web app. */
    private static Script compile(URL page) throws Exception {
        Field current = Stapler.class.getDeclaredField("CURRENT_REQUEST");
        current.setAccessible(true);
        @SuppressWarnings("unchecked")
        ThreadLocal<Object> request = (ThreadLocal<Object>) current.get(null);
        Object before = request.get();
        request.set(StaplerForms.request());
        try {
            ClassLoader loader = StaplerJellyViewsTest.class.getClassLoader();
            return MetaClassLoader.get(loader).loadTearOff(JellyClassLoaderTearOff.class).createContext().compileScript(page);
        } finally {
            request.set(before);
        }
    }

    /** The message references of a page whose key Stapler would not take as the whole text. */
    static List<String> messageProblems(String name, String text) throws JellyException {
        List<String> problems = new ArrayList<>();
        Matcher m = MESSAGE.matcher(text);
        while (m.find()) {
            InternationalizedStringExpression e;
            try {
                e = new InternationalizedStringExpression(new ResourceBundle(name), m.group(1));
            } catch (JellyException bad) {
                problems.add(name + ": ${" + m.group(1) + "} is not a message key Stapler can read: " + bad.getMessage());
                continue;
            }
            if (!e.getArguments().isEmpty() || !e.key.equals(m.group(1).substring(1))) {
                problems.add(name + ": ${" + m.group(1) + "} is read as key '" + e.key + "' with " + e.getArguments().size()
                        + " argument(s); the page would show only the key");
            }
        }
        return problems;
    }

    @Test
    void everyKindOfPageIsFound() throws Exception {
        Map<String, URL> pages = pages();
        String dir = "io/jenkins/plugins/magentodmt/";
        for (String expected : List.of("index.jelly", dir + "MagentoDmtUpgradeStep/config.jelly",
                dir + "MagentoDmtUpgradeBuilder/config.jelly", dir + "UpgradeAction/index.jelly",
                dir + "UpgradeAction/summary.jelly", dir + "MagentoDmtUpgradeStep/help.html",
                dir + "MagentoDmtUpgradeStep/help-host.html")) {
            assertTrue(pages.containsKey(expected), expected + " in " + pages.keySet());
        }
    }

    @ParameterizedTest
    @MethodSource("pageNames")
    void compilesWithStaplersJellyContext(String name) throws Exception {
        assertTrue(compile(pages().get(name)) != null, name);
    }

    @ParameterizedTest
    @MethodSource("pageNames")
    void everyMessageKeyIsTheWholeText(String name) throws Exception {
        String text;
        try (var in = pages().get(name).openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(List.of(), messageProblems(name, text));
    }

    /** The checks catch the two ways a key with parentheses breaks, as a real Jenkins showed them. */
    @Test
    void theChecksCatchKeysThatStaplerParses() throws Exception {
        URL bad = getClass().getResource("/fidelity/bad-messages.jelly");
        JellyException e = assertThrows(JellyException.class, () -> compile(bad));
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getMessage()).append('\n');
        }
        assertTrue(causes.toString().contains("Error at (4, 100)") && causes.toString().contains(
                "Unable to create expression: repo.magento.com keys"), causes.toString());
        List<String> problems = messageProblems("bad", "<x>${%Timeout (minutes)}</x> <x>${%Plain text}</x>");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("key 'Timeout '"), problems.get(0));
    }
}
