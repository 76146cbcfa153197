package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification;
import io.jenkins.plugins.magentodmt.HostKeyVerification;
import io.jenkins.plugins.magentodmt.KnownHostsFileVerification;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Item 2 of the fidelity issue: a freestyle job's config.xml holds its builders as XStream writes them. Jenkins 2.479.3
 * uses XStream 1.4.21 through its XStream2 subclass, whose reflection converter, like plain XStream's, neither calls
 * a constructor nor runs field initializers when it reads (Unsafe allocation) and then calls {@code readResolve}.
 */
class SavedJobXStreamTest {
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|passphrase|secret|token|privatekey|apikey).*");

    /** XStream with the same security framework Jenkins configures: only the plugin's own types besides the basics. */
    static XStream xstream() {
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"io.jenkins.plugins.**"});
        return x;
    }

    static MagentoDmtUpgradeBuilder everyField(HostKeyVerification hostKey) {
        try {
            MagentoDmtUpgradeStep b = new MagentoDmtUpgradeStep("magento.example.com", "magento-ssh", "/var/www/magento2");
            b.setPort(2222);
            b.setVersion("2.4.7");
            b.setFileSystemOwner("www-data");
            b.setComposerCommand("composer2");
            b.setComposerCredentialsId("magento-repo-keys");
            b.setHostKeyVerification(hostKey);
            b.setFullBackup(true);
            b.setKeepCustomFiles(true);
            b.setCompileAfterUpgrade(true);
            b.setDryRun(true);
            b.setTimeoutMinutes(90);
            b.setCheckOnly(true);
            b.setFailOnMismatch(false);
            b.setAllowRoot(true);
            b.setComposerRepositoryHost("mirror.example.com");
            return new MagentoDmtUpgradeBuilder(b);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static MagentoDmtUpgradeBuilder defaults() {
        try {
            return new MagentoDmtUpgradeBuilder(new MagentoDmtUpgradeStep("magento.example.com", "magento-ssh", "/var/www/magento2"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static KnownHostsFileVerification knownHosts(String path) {
        KnownHostsFileVerification v = new KnownHostsFileVerification();
        v.setPath(path);
        return v;
    }

    static Stream<Arguments> savedBuilders() {
        List<Arguments> r = new ArrayList<>();
        r.add(Arguments.of("defaults", (Supplier<Object>) SavedJobXStreamTest::defaults));
        r.add(Arguments.of("every field, known_hosts path", (Supplier<Object>) () -> everyField(knownHosts("~/.ssh/magento_known_hosts"))));
        r.add(Arguments.of("every field, agent's known_hosts", (Supplier<Object>) () -> everyField(knownHosts(null))));
        r.add(Arguments.of("every field, manual key",
                (Supplier<Object>) () -> everyField(new ManuallyProvidedKeyVerification(FormSubmissions.HOST_KEY))));
        r.add(Arguments.of("every field, accept any", (Supplier<Object>) () -> everyField(new AcceptAnyHostKeyVerification())));
        r.add(Arguments.of("every field, controller's host keys", (Supplier<Object>)
                () -> everyField(new io.jenkins.plugins.magentodmt.ControllerHostKeysVerification())));
        r.add(Arguments.of("bound by Stapler from BUILDER_EVERY_FIELD", (Supplier<Object>)
                () -> StaplerForms.bind(MagentoDmtUpgradeBuilder.class, FormSubmissions.BUILDER_EVERY_FIELD)));
        return r.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("savedBuilders")
    void savedBuilderReadsBackEqual(String name, Supplier<Object> builder) {
        Object saved = builder.get();
        String xml = xstream().toXML(saved);
        Object read = xstream().fromXML(xml);

        assertEquals(PluginTypes.fields(saved), PluginTypes.fields(read), xml);
        assertEquals(PluginTypes.properties(saved), PluginTypes.properties(read), xml);
    }

    /** Every strategy of the dropdown is covered by the samples above. */
    @Test
    void everyStrategyIsSaved() {
        Set<String> saved = new TreeSet<>();
        savedBuilders().forEach(a -> saved.add(((MagentoDmtUpgradeBuilder) ((Supplier<?>) a.get()[1]).get())
                .getUpgrade().getHostKeyVerification().getClass().getName()));
        Set<String> all = new TreeSet<>();
        PluginTypes.strategies().forEach(c -> all.add(c.getName()));
        assertEquals(all, saved);
    }

    /**
     * config.xml holds the configuration and nothing else: exactly the non-transient fields that have a value, the
     * strategy as a {@code class=} attribute and its own fields, no transient field.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("savedBuilders")
    void savedXmlHoldsExactlyTheConfiguration(String name, Supplier<Object> builder) throws Exception {
        Object saved = builder.get();
        String xml = xstream().toXML(saved);
        Element root = parse(xml);

        assertEquals(saved.getClass().getName(), root.getTagName());
        checkElementHoldsFields(root, saved, xml);
    }

    private static void checkElementHoldsFields(Element e, Object bean, String xml) throws IllegalAccessException {
        Set<String> expected = new TreeSet<>();
        for (Field f : PluginTypes.instanceFields(bean.getClass())) {
            f.setAccessible(true);
            if (!Modifier.isTransient(f.getModifiers()) && f.get(bean) != null) {
                expected.add(f.getName());
            }
        }
        Set<String> written = new TreeSet<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                written.add(c.getTagName());
                Field f = PluginTypes.instanceFields(bean.getClass()).stream()
                        .filter(x -> x.getName().equals(c.getTagName())).findFirst().orElse(null);
                if (f != null && HostKeyVerification.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    Object nested = f.get(bean);
                    assertEquals(nested.getClass().getName(), c.getAttribute("class"), xml);
                    checkElementHoldsFields(c, nested, xml);
                } else if (f != null && f.getType() == MagentoDmtUpgradeStep.class) {
                    f.setAccessible(true);
                    assertEquals("", c.getAttribute("class"), "the declared type: no class attribute\n" + xml);
                    checkElementHoldsFields(c, f.get(bean), xml);
                }
            }
        }
        assertEquals(expected, written, bean.getClass().getSimpleName() + " in\n" + xml);
    }

    static Stream<Class<?>> savedTypes() {
        List<Class<?>> r = new ArrayList<>();
        r.add(MagentoDmtUpgradeBuilder.class);
        r.add(MagentoDmtUpgradeStep.class);
        r.addAll(PluginTypes.strategies());
        return r.stream();
    }

    /**
     * What XStream writes are configuration values: strings, numbers, booleans and the strategy. A client, session,
     * listener, launcher, run, thread, stream, or a Secret/credential object would be written too unless transient.
     */
    @ParameterizedTest
    @MethodSource("savedTypes")
    void onlyConfigurationValuesArePersisted(Class<?> type) {
        List<String> wrong = new ArrayList<>();
        for (Field f : PluginTypes.instanceFields(type)) {
            if (Modifier.isTransient(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            boolean value = t.isPrimitive() || t == String.class || t == Integer.class || t == Boolean.class
                    || t == Long.class || t.isEnum() || t == HostKeyVerification.class || t == MagentoDmtUpgradeStep.class;
            if (!value) {
                wrong.add(t.getName() + " " + f.getName());
            }
        }
        assertEquals(List.of(), wrong, type.getSimpleName() + " persists a field that is not a configuration value");
    }

    /** The job stores the ids of its credentials, never a secret. */
    @Test
    void savedXmlHoldsCredentialIdsOnly() throws Exception {
        String xml = xstream().toXML(everyField(new ManuallyProvidedKeyVerification(FormSubmissions.HOST_KEY)));
        Element root = parse(xml);

        assertEquals("magento-ssh", text(root, "credentialsId"));
        assertEquals("magento-repo-keys", text(root, "composerCredentialsId"));
        List<String> secretLike = new ArrayList<>();
        collectNames(root, secretLike);
        secretLike.removeIf(n -> !SECRET_LIKE.matcher(n).matches());
        assertEquals(List.of(), secretLike, xml);
        for (Class<?> type : savedTypes().toList()) {
            for (Field f : PluginTypes.instanceFields(type)) {
                if (!Modifier.isTransient(f.getModifiers())) {
                    assertTrue(!SECRET_LIKE.matcher(f.getName()).matches() && !SECRET_LIKE.matcher(f.getType().getName()).matches(),
                            type.getSimpleName() + "." + f.getName() + " (" + f.getType().getName() + ") would be saved in config.xml");
                }
            }
        }
    }

    /**
     * A config.xml as an older plugin version wrote it (Jenkins adds the plugin= attribute): no hostKeyVerification,
     * timeoutMinutes, checkOnly, failOnMismatch, allowRoot, breakLock or composerRepositoryHost yet. Reading it must
     * give the documented defaults, not Java's 0/null/false.
     */
    static final String OLDER_CONFIG = """
            <io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder plugin="magento-dmt-upgrade@0.0.9">
              <host>magento.example.com</host>
              <port>2222</port>
              <credentialsId>magento-ssh</credentialsId>
              <magentoRoot>/var/www/magento2</magentoRoot>
              <version>2.4.7</version>
              <composerCommand>composer2</composerCommand>
              <fullBackup>true</fullBackup>
              <keepCustomFiles>false</keepCustomFiles>
              <dryRun>true</dryRun>
            </io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder>
            """;

    @Test
    void olderConfigReadsWithTheDocumentedDefaults() {
        Object read = xstream().fromXML(OLDER_CONFIG);

        Map<String, Object> expected = FormBindingTest.documentedDefaults();
        expected.put("port", 2222);
        expected.put("version", "2.4.7");
        expected.put("composerCommand", "composer2");
        expected.put("fullBackup", true);
        expected.put("dryRun", true);
        assertEquals(Map.of("upgrade", expected), PluginTypes.properties(read));
        // and it is saved again in full, nested
        assertEquals(PluginTypes.fields(read), PluginTypes.fields(xstream().fromXML(xstream().toXML(read))));
        assertFalse(xstream().toXML(read).contains("<host>magento.example.com</host>\n  <port>"), xstream().toXML(read));
    }

    /**
     * A config.xml as 0.1 wrote it, every field flat on the builder, breakLock among them (then a saved setting).
     * It reads into the nested settings with every value kept, except breakLock, which is never saved again.
     */
    static final String FLAT_0_1_CONFIG = """
            <io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder plugin="magento-dmt-upgrade@0.1.0">
              <host>magento.example.com</host>
              <port>2222</port>
              <credentialsId>magento-ssh</credentialsId>
              <magentoRoot>/var/www/magento2</magentoRoot>
              <version>2.4.7</version>
              <fileSystemOwner>www-data</fileSystemOwner>
              <composerCommand>composer2</composerCommand>
              <composerCredentialsId>magento-repo-keys</composerCredentialsId>
              <hostKeyVerification class="io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification"/>
              <fullBackup>true</fullBackup>
              <keepCustomFiles>true</keepCustomFiles>
              <dryRun>true</dryRun>
              <timeoutMinutes>90</timeoutMinutes>
              <checkOnly>true</checkOnly>
              <failOnMismatch>false</failOnMismatch>
              <allowRoot>true</allowRoot>
              <breakLock>true</breakLock>
              <composerRepositoryHost>mirror.example.com</composerRepositoryHost>
            </io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder>
            """;

    @Test
    void aJobSavedBy01ReadsIntoTheNestedSettings() {
        Object read = xstream().fromXML(FLAT_0_1_CONFIG);

        MagentoDmtUpgradeBuilder expected = everyField(new AcceptAnyHostKeyVerification());
        expected.getUpgrade().setCompileAfterUpgrade(false); // came after 0.1
        assertEquals(PluginTypes.properties(expected), PluginTypes.properties(read));
        assertFalse(((MagentoDmtUpgradeBuilder) read).getUpgrade().isBreakLock(), "breaking a lock is not carried over");
        String again = xstream().toXML(read);
        assertEquals(PluginTypes.fields(expected), PluginTypes.fields(xstream().fromXML(again)), again);
        assertFalse(again.contains("breakLock"), again);
    }

    static Stream<String> optionalElements() throws Exception {
        List<String> r = new ArrayList<>();
        Element root = upgradeElement(parse(xstream().toXML(everyField(new AcceptAnyHostKeyVerification()))));
        List<String> required = List.of(StaplerForms.constructorParameterNames(MagentoDmtUpgradeStep.class));
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && !required.contains(c.getTagName())) {
                r.add(c.getTagName());
            }
        }
        return r.stream();
    }

    /** Whichever optional field a config.xml lacks (it was added later) reads as that field's documented default. */
    @ParameterizedTest
    @MethodSource("optionalElements")
    void missingFieldReadsAsItsDefault(String element) throws Exception {
        MagentoDmtUpgradeBuilder saved = everyField(new AcceptAnyHostKeyVerification());
        Document d = parse(xstream().toXML(saved)).getOwnerDocument();
        Element gone = (Element) upgradeElement(d.getDocumentElement()).getElementsByTagName(element).item(0);
        gone.getParentNode().removeChild(gone);

        Map<String, Object> read = PluginTypes.properties(((MagentoDmtUpgradeBuilder) xstream().fromXML(serialize(d))).getUpgrade());

        Map<String, Object> expected = PluginTypes.properties(saved.getUpgrade());
        expected.put(element, FormBindingTest.documentedDefaults().get(element));
        assertEquals(expected, read, "config.xml without <" + element + ">");
    }

    // ---

    private static Element upgradeElement(Element builder) {
        return (Element) builder.getElementsByTagName("upgrade").item(0);
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static String serialize(Document d) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(d), new StreamResult(w));
        return w.toString();
    }

    private static String text(Element root, String child) {
        return root.getElementsByTagName(child).item(0).getTextContent();
    }

    private static void collectNames(Element e, List<String> names) {
        names.add(e.getTagName());
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            names.add(e.getAttributes().item(i).getNodeName());
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collectNames(c, names);
            }
        }
    }
}
