package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jenkins.plugins.magentodmt.HostKeyVerification;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import java.beans.Introspector;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the test data honest and the forms bindable: the fields each config.jelly renders are exactly the names
 * Stapler binds ({@code @DataBoundConstructor} parameters and {@code @DataBoundSetter} properties: Stapler silently
 * drops any other field), the JSON in {@link FormSubmissions} has exactly those fields, and the defaults the forms
 * prefill are the Java defaults.
 */
class JellyFormsTest {
    private static final String FORM_NS = "/lib/form";
    private static final Set<String> CLASS_ENTRY_KEYS = Set.of("stapler-class", "$class", "kind");

    /** One rendered field: its name, its control (textbox, number, checkbox, select, dropdownDescriptorSelector), its default. */
    record FormField(String name, String control, String defaultValue) {
    }

    static Stream<Class<?>> dataBound() {
        return PluginTypes.dataBound().stream();
    }

    @ParameterizedTest
    @MethodSource("dataBound")
    void everyFormFieldIsBoundByStapler(Class<?> type) throws Exception {
        assertEquals(bindableNames(type), new TreeSet<>(formFields(type).keySet()),
                type.getSimpleName() + "/config.jelly fields vs. its @DataBoundConstructor parameters and @DataBoundSetter properties");
    }

    static Stream<Arguments> submissions() {
        return Stream.of(
                Arguments.of("BUILDER_EVERY_FIELD", FormSubmissions.BUILDER_EVERY_FIELD, MagentoDmtUpgradeBuilder.class),
                Arguments.of("BUILDER_AS_RENDERED", FormSubmissions.BUILDER_AS_RENDERED, MagentoDmtUpgradeBuilder.class),
                Arguments.of("BUILDER_BLANKED_FIELDS", FormSubmissions.BUILDER_BLANKED_FIELDS, MagentoDmtUpgradeBuilder.class),
                Arguments.of("STEP_EVERY_FIELD", FormSubmissions.STEP_EVERY_FIELD, MagentoDmtUpgradeStep.class),
                Arguments.of("STEP_AS_RENDERED", FormSubmissions.STEP_AS_RENDERED, MagentoDmtUpgradeStep.class),
                Arguments.of("KNOWN_HOSTS_WITH_PATH", FormSubmissions.KNOWN_HOSTS_WITH_PATH, HostKeyVerification.class),
                Arguments.of("KNOWN_HOSTS_EMPTY", FormSubmissions.KNOWN_HOSTS_EMPTY, HostKeyVerification.class),
                Arguments.of("MANUAL_KEY_FINGERPRINT", FormSubmissions.MANUAL_KEY_FINGERPRINT, HostKeyVerification.class),
                Arguments.of("ACCEPT_ANY_ONLY", FormSubmissions.ACCEPT_ANY_ONLY, HostKeyVerification.class),
                Arguments.of("CONTROLLER_KEYS_ONLY", FormSubmissions.CONTROLLER_KEYS_ONLY, HostKeyVerification.class));
    }

    /** The test data submits exactly what the jelly renders, nested dropdown blocks included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void submissionHasExactlyTheFieldsOfItsForm(String name, String json, Class<?> declared) throws Exception {
        checkSubmission(name, JSONObject.fromObject(json), declared);
    }

    private static void checkSubmission(String where, JSONObject form, Class<?> declared) throws Exception {
        checkSubmission(where, form, declared, false);
    }

    private static void checkSubmission(String where, JSONObject form, Class<?> declared, boolean nestedInFreestyle) throws Exception {
        Class<?> type = declared;
        if (form.has("$class")) {
            assertEquals(form.getString("$class"), form.getString("stapler-class"), where + ": $class and stapler-class differ");
            type = Class.forName(form.getString("$class"));
        }
        Map<String, FormField> fields = nestedInFreestyle ? freestyleFields(type) : formFields(type);
        Set<String> keys = new TreeSet<>(form.keySet());
        keys.removeAll(CLASS_ENTRY_KEYS);
        assertEquals(new TreeSet<>(fields.keySet()), keys, where + " vs. " + type.getSimpleName() + "/config.jelly");
        for (FormField f : fields.values()) {
            Object v = form.get(f.name());
            switch (f.control()) {
                case "checkbox" -> assertEquals(Boolean.class, v.getClass(), where + ": an f:checkbox submits true/false: " + f);
                case "dropdownDescriptorSelector" -> checkSubmission(where + "." + f.name(), (JSONObject) v,
                        type.getDeclaredField(f.name()).getType());
                case "property" -> {
                    assertFalse(((JSONObject) v).has("$class"), where + ": f:property nests no class entry");
                    checkSubmission(where + "." + f.name(), (JSONObject) v, type.getDeclaredField(f.name()).getType(), true);
                }
                default -> assertEquals(String.class, v.getClass(), where + ": an input submits a string: " + f);
            }
        }
    }

    /** The builder nests the step's form: the step's fields, less the Pipeline-only ones a freestyle page leaves out. */
    @Test
    void theBuilderNestsTheStepsForm() throws Exception {
        assertEquals(Map.of("upgrade", new FormField("upgrade", "property", null)), formFields(MagentoDmtUpgradeBuilder.class));
        assertEquals(MagentoDmtUpgradeStep.class, MagentoDmtUpgradeBuilder.class.getDeclaredField("upgrade").getType());
        Set<String> pipelineOnly = new TreeSet<>(formFields(MagentoDmtUpgradeStep.class).keySet());
        pipelineOnly.removeAll(freestyleFields(MagentoDmtUpgradeStep.class).keySet());
        assertEquals(Set.of("breakLock", "failOnError"), pipelineOnly);
    }

    static Stream<Class<?>> builderAndStep() {
        return Stream.of(MagentoDmtUpgradeStep.class);
    }

    /**
     * What a new build step's form prefills (f:number/f:textbox/f:checkbox default, the dropdown's first choice) is
     * what the Java object has when the field was never set: the constructor's, the readResolve's, the Pipeline's.
     */
    @ParameterizedTest
    @MethodSource("builderAndStep")
    void formDefaultsAreTheJavaDefaults(Class<?> type) throws Exception {
        Object fresh = type.getConstructor(String.class, String.class, String.class)
                .newInstance("magento.example.com", "magento-ssh", "/var/www/magento2");
        Map<String, Object> javaDefaults = PluginTypes.properties(fresh);
        List<String> required = List.of(StaplerForms.constructorParameterNames(type));
        for (FormField f : formFields(type).values()) {
            if (required.contains(f.name())) {
                continue;
            }
            Object expected = switch (f.control()) {
                case "number" -> f.defaultValue() == null ? null : Integer.valueOf(f.defaultValue());
                case "checkbox" -> Boolean.parseBoolean(f.defaultValue());
                case "dropdownDescriptorSelector" -> Map.of("$class", PluginTypes.dropdownOrder().get(0).getName());
                default -> f.defaultValue();
            };
            Object actual = javaDefaults.get(f.name());
            if (actual instanceof Map<?, ?> m) {
                actual = Map.of("$class", m.get("$class"));
            }
            assertEquals(expected, actual, type.getSimpleName() + "." + f.name() + ": config.jelly prefills " + f);
        }
    }

    /** "Test connection" sends the fields named in with=; each must exist on the page and be a @QueryParameter. */
    @ParameterizedTest
    @MethodSource("builderAndStep")
    void testConnectionSendsFieldsThatExist(Class<?> type) throws Exception {
        Element button = elements(jelly(type), FORM_NS, "validateButton").get(0);
        List<String> with = List.of(button.getAttribute("with").split(","));
        Set<String> onPage = new TreeSet<>(formFields(type).keySet());
        for (Class<? extends HostKeyVerification> s : PluginTypes.strategies()) {
            onPage.addAll(formFields(s).keySet());
        }
        for (String w : with) {
            assertTrue(onPage.contains(w), "with=" + w + " names no field of the page");
        }
        Class<?> descriptor = Class.forName(type.getName() + "$DescriptorImpl");
        Method m = Arrays.stream(descriptor.getMethods())
                .filter(x -> x.getName().equals("do" + Character.toUpperCase(button.getAttribute("method").charAt(0))
                        + button.getAttribute("method").substring(1)))
                .findFirst().orElseThrow();
        List<String> queryParameters = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (p.isAnnotationPresent(QueryParameter.class)) {
                queryParameters.add(p.getName());
            } else {
                assertNotNull(p.getAnnotation(AncestorInPath.class), m + ": " + p);
            }
        }
        assertEquals(with, queryParameters, m.getName() + "'s @QueryParameter names vs. with=");
    }

    // ---

    static Set<String> bindableNames(Class<?> type) {
        Set<String> r = new TreeSet<>(List.of(StaplerForms.constructorParameterNames(type)));
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && Modifier.isPublic(m.getModifiers())
                        && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                    r.add(Introspector.decapitalize(m.getName().substring(3)));
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    r.add(f.getName());
                }
            }
        }
        return r;
    }

    /** The fields a config.jelly renders, in page order. */
    static Map<String, FormField> formFields(Class<?> type) throws Exception {
        return formFields(type, false);
    }

    /** The fields the step's form renders nested in the freestyle builder's page, where dmtFreestyle is true. */
    static Map<String, FormField> freestyleFields(Class<?> type) throws Exception {
        return formFields(type, true);
    }

    private static Map<String, FormField> formFields(Class<?> type, boolean freestyle) throws Exception {
        Map<String, FormField> r = new LinkedHashMap<>();
        for (Element e : elements(jelly(type), FORM_NS, "*")) {
            if (!e.hasAttribute("field") || freestyle && insidePipelineOnlyBlock(e)) {
                continue;
            }
            String name = e.getAttribute("field");
            FormField f;
            if (e.getLocalName().equals("entry")) {
                Element control = firstChildElement(e);
                assertNotNull(control, type.getSimpleName() + "/config.jelly: f:entry field=" + name + " has no control");
                f = new FormField(name, control.getLocalName(),
                        control.hasAttribute("default") ? control.getAttribute("default") : null);
            } else {
                f = new FormField(name, e.getLocalName(), null);
            }
            assertEquals(null, r.put(name, f), type.getSimpleName() + "/config.jelly renders " + name + " twice");
        }
        return r;
    }

    private static boolean insidePipelineOnlyBlock(Element e) {
        for (Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
            if ("if".equals(p.getLocalName()) && p.getAttribute("test").equals("${!dmtFreestyle}")) {
                return true;
            }
        }
        return false;
    }

    private static Document jelly(Class<?> type) throws Exception {
        String resource = "/" + type.getName().replace('.', '/') + "/config.jelly";
        try (InputStream in = type.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not in the plugin");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(Document d, String ns, String localName) {
        NodeList l = d.getElementsByTagNameNS(ns, localName);
        List<Element> r = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            r.add((Element) l.item(i));
        }
        return r;
    }

    private static Element firstChildElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }
}
