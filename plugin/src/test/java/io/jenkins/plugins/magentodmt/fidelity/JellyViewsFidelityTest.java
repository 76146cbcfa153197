package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Document;

/**
 * Issue item 3, views that Jenkins can render. Every {@code .jelly} the plugin ships is parsed with a real XML parser
 * and held against the tag libraries of Jenkins 2.479.3 and credentials 1453 (test data under
 * {@code src/test/resources/fidelity/}, read from their sources), against the classes it configures and against their
 * descriptors. {@code FormsAndHelpTest} already matches the set of {@code field="…"} strings with the bound properties;
 * this goes through the DOM, per element, and adds what only the tag libraries and descriptors can tell.
 */
class JellyViewsFidelityTest {
    private static final Path CLASSES = Path.of(System.getProperty("classes.dir", "target/classes"));
    private static final String PACKAGE = "io/jenkins/plugins/magentodmt/";

    /** Every view the plugin ships (what the .hpi holds: target/classes), by its path there. */
    static Map<String, String> views() throws IOException {
        Map<String, String> views = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().endsWith(".jelly")) {
                    views.put(CLASSES.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return views;
    }

    /** The config.jelly views, by the class they configure. */
    static Map<Class<?>, Document> configs() throws Exception {
        Map<Class<?>, Document> configs = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : views().entrySet()) {
            if (v.getKey().startsWith(PACKAGE) && v.getKey().endsWith("/config.jelly")) {
                configs.put(classOfView(v.getKey()), ViewChecker.parse(v.getKey(), v.getValue()));
            }
        }
        return configs;
    }

    static Class<?> classOfView(String view) throws ClassNotFoundException {
        String dir = view.substring(0, view.lastIndexOf('/'));
        return Class.forName(dir.replace('/', '.'));
    }

    static Set<String> helpFiles(Class<?> type) throws IOException {
        Set<String> names = new TreeSet<>();
        Path dir = CLASSES.resolve(type.getName().replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("help-") && n.endsWith(".html"))
                    .forEach(n -> names.add(n.substring("help-".length(), n.length() - ".html".length())));
        }
        return names;
    }

    @Test
    void theViewsAreFoundAndTheTagDataLoads() throws Exception {
        Set<String> views = views().keySet();
        assertTrue(views.containsAll(Set.of("index.jelly", PACKAGE + "MagentoDmtUpgradeStep/config.jelly",
                PACKAGE + "MagentoDmtUpgradeBuilder/config.jelly", PACKAGE + "UpgradeAction/index.jelly",
                PACKAGE + "UpgradeAction/summary.jelly")), views.toString());
        assertEquals(8, configs().size(), configs().keySet().toString());
        // Spot checks that the data is the real library, not an empty file.
        assertTrue(TagLibraries.tags("/lib/form").keySet().containsAll(Set.of("entry", "textbox", "number", "checkbox",
                "advanced", "dropdownDescriptorSelector", "validateButton", "description")));
        assertEquals(Set.of("method", "title"), TagLibraries.tags("/lib/form").get("validateButton").required());
        assertTrue(TagLibraries.tags("/lib/credentials").get("select").attributes().contains("checkMethod"));
        assertTrue(TagLibraries.tags("jelly:core").keySet().containsAll(Set.of("jelly", "set", "if", "forEach", "choose",
                "when", "otherwise", "out", "invokeStatic")));
        assertFalse(TagLibraries.tags("/lib/form").containsKey("secretTextbox"), "no such tag in 2.479.3");
    }

    @Test
    void everyTagExistsInJenkinsWithItsRequiredAttributes() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> v : views().entrySet()) {
            assertTrue(v.getValue().startsWith("<?jelly escape-by-default='true'?>"), v.getKey() + ": escape-by-default");
            problems.addAll(ViewChecker.tagProblems(v.getKey(), ViewChecker.parse(v.getKey(), v.getValue())));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFieldIsBoundHasHelpAndReachesItsDescriptorWithTheRightVerb() throws Exception {
        Map<Class<?>, Document> configs = configs();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Class<?>, Document> c : configs.entrySet()) {
            Class<?> type = c.getKey();
            Set<String> help = helpFiles(type);
            Map<Class<?>, Document> others = new LinkedHashMap<>(configs);
            others.remove(type);
            problems.addAll(ViewChecker.formProblems(type.getSimpleName() + "/config.jelly", type, c.getValue(),
                    help::contains, help, others));
            assertTrue(Files.isRegularFile(CLASSES.resolve(type.getName().replace('.', '/') + "/help.html")),
                    type.getSimpleName() + "/help.html");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void expressionsOfTheActionViewsReachGetters() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> v : views().entrySet()) {
            if (v.getKey().startsWith(PACKAGE) && !v.getKey().endsWith("/config.jelly")) {
                problems.addAll(ViewChecker.expressionProblems(v.getKey(), classOfView(v.getKey()),
                        ViewChecker.parse(v.getKey(), v.getValue()), v.getValue()));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The checker itself, on a view with one of each mistake: it must name every one. */
    @Test
    void theCheckerFindsEachKindOfMistake() throws Exception {
        String bad;
        try (InputStream in = getClass().getResourceAsStream("/fidelity/bad-config.jelly")) {
            bad = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Document doc = ViewChecker.parse("bad-config.jelly", bad);
        List<String> tags = ViewChecker.tagProblems("bad", doc);
        assertProblem(tags, "has no tag secretTextbox");
        assertProblem(tags, "<f:validateButton> lacks its required attribute title");
        assertProblem(tags, "has no attribute checkmethod");
        assertProblem(tags, "namespace /lib/nonesuch");

        Map<Class<?>, Document> others = new LinkedHashMap<>(configs());
        others.remove(MagentoDmtUpgradeStep.class);
        List<String> form = ViewChecker.formProblems("bad", MagentoDmtUpgradeStep.class, doc,
                f -> !f.equals("port"), Set.of("host", "port", "orphan"), others);
        assertProblem(form, "field \"hostname\" is no @DataBoundConstructor parameter");
        assertProblem(form, "field \"port\" has no help-port.html");
        assertProblem(form, "help-orphan.html belongs to no field");
        assertProblem(form, "validates \"magentoRoot\", which the form does not have");
        assertProblem(form, "sends \"nonesuch\", which is no field of the form");
        assertProblem(form, "doTestConnection reads \"composerCommand\", which the button's with= does not send");
        assertProblem(form, "calls doTestConnexion");
    }

    /** A describable whose check method is @POST, as a check that uses credentials or connects must be. */
    public static class PostChecked extends AbstractDescribableImpl<PostChecked> {
        @DataBoundConstructor
        public PostChecked(String endpoint) {
        }

        public static class DescriptorImpl extends Descriptor<PostChecked> {
            @POST
            public FormValidation doCheckEndpoint(@QueryParameter String value) {
                return FormValidation.ok();
            }
        }
    }

    @Test
    void theCheckerWantsCheckMethodPostForAPostCheck() {
        String get = "<?jelly escape-by-default='true'?><j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">"
                + "<f:entry field=\"endpoint\" title=\"Endpoint\"><f:textbox/></f:entry></j:jelly>";
        List<String> problems = ViewChecker.formProblems("get", PostChecked.class, ViewChecker.parse("get", get),
                f -> true, Set.of(), Map.of());
        assertProblem(problems, "<f:textbox> of field \"endpoint\" needs checkMethod=\"post\"");
        String post = get.replace("<f:textbox/>", "<f:textbox checkMethod=\"post\"/>");
        assertEquals(List.of(), ViewChecker.formProblems("post", PostChecked.class, ViewChecker.parse("post", post),
                f -> true, Set.of(), Map.of()));
        assertEquals(List.of(), ViewChecker.tagProblems("post", ViewChecker.parse("post", post)));
    }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem with \"" + expected + "\" in "
                + String.join("\n", problems));
    }
}
