package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Descriptor;
import io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification;
import io.jenkins.plugins.magentodmt.KnownHostsFileVerification;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.junit.jupiter.api.Test;

/**
 * Issue item 4, Jenkinsfile arguments. Every Jenkinsfile example of README.md, docs/*.md and the plugin's help files
 * (fenced blocks, {@code <pre>} blocks, and inline {@code name: value} or {@code symbol(…)} code) is parsed with
 * Groovy's parser and held against our classes with the data-binding rules of structs' {@code DescribableModel}
 * (see {@link PipelineArguments}), so that the documentation cannot drift from the code. README's parameter table is
 * checked against the properties, their types, whether they are required, and their defaults.
 */
class JenkinsfileArgumentsFidelityTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path CLASSES = Path.of(System.getProperty("classes.dir", "target/classes"));
    private static final Pattern RELEVANT = Pattern.compile("magentoDmt|\\b(knownHostsFile|manuallyProvidedKey|acceptAnyHostKey)\\s*\\(");

    record Snippet(String where, String code) {
    }

    /** The step's function name and the @Symbol describables, found the way Jenkins finds them (the annotation index). */
    static PipelineArguments model() throws Exception {
        List<Class<? extends Descriptor<?>>> descriptors = new ArrayList<>();
        for (String line : Files.readAllLines(CLASSES.resolve("META-INF/services/annotations/org.jenkinsci.Symbol"))) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Class<? extends Descriptor<?>> d = (Class<? extends Descriptor<?>>) Class.forName(line.strip());
                if (d.getEnclosingClass() != null) { // a GlobalConfiguration's symbol is for configuration as code, not Pipeline
                    descriptors.add(d);
                }
            }
        }
        return new PipelineArguments(Map.of(new MagentoDmtUpgradeStep.DescriptorImpl().getFunctionName(), MagentoDmtUpgradeStep.class),
                descriptors);
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> s = Files.walk(ROOT.resolve("plugin/src/main/resources"))) {
            s.filter(p -> p.getFileName().toString().matches("help.*\\.html")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Fenced code blocks of a Markdown file or {@code <pre>} blocks of an HTML file. */
    static List<Snippet> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = ROOT.relativize(file).toString();
        List<Snippet> blocks = new ArrayList<>();
        if (name.endsWith(".md")) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith("```")) {
                    int start = i;
                    StringBuilder code = new StringBuilder();
                    for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
                        code.append(lines[i]).append('\n');
                    }
                    blocks.add(new Snippet(name + ":" + (start + 1), code.toString()));
                }
            }
        } else {
            Matcher m = Pattern.compile("(?s)<pre[^>]*>(.*?)</pre>").matcher(text);
            while (m.find()) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                blocks.add(new Snippet(name + ":" + line, unescape(m.group(1))));
            }
        }
        return blocks;
    }

    /** Inline code outside the blocks: {@code `…`} in Markdown, {@code <code>…</code>} in HTML. */
    static List<Snippet> inlineCode(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = ROOT.relativize(file).toString();
        List<Snippet> spans = new ArrayList<>();
        if (name.endsWith(".md")) {
            text = text.replaceAll("(?ms)^[ \\t]*```.*?^[ \\t]*```[ \\t]*$", "");
            Matcher m = Pattern.compile("`([^`\\n]+)`").matcher(text);
            while (m.find()) {
                spans.add(new Snippet(name, m.group(1)));
            }
        } else {
            Matcher m = Pattern.compile("(?s)<code>(.*?)</code>").matcher(text.replaceAll("(?s)<pre[^>]*>.*?</pre>", ""));
            while (m.find()) {
                spans.add(new Snippet(name, unescape(m.group(1))));
            }
        }
        return spans;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /**
     * Placeholders Groovy cannot parse: a line that is only an ellipsis (omitted code) becomes a comment, and an ellipsis
     * standing for a whole argument value ({@code key: ...}) becomes a variable, a value known only at run time.
     * An ellipsis inside a string ({@code 'SHA256:…'}) is just text and stays.
     */
    static String withoutPlaceholders(String code) {
        return code.replaceAll("(?m)^([ \\t]*)(…|\\.\\.\\.)[ \\t]*$", "$1// omitted")
                .replaceAll("(?<=[:(,\\[])(\\s*)(…|\\.\\.\\.)(?=\\s*[),\\]])", "$1placeholder");
    }

    static List<Snippet> jenkinsfileSnippets() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path doc : documents()) {
            for (Snippet s : blocks(doc)) {
                if (RELEVANT.matcher(s.code()).find()) {
                    snippets.add(s);
                }
            }
        }
        return snippets;
    }

    /** Checks the snippets and returns the problems; also used on the deliberately bad example. */
    static List<String> checkSnippets(PipelineArguments model, List<Snippet> snippets) {
        List<String> problems = new ArrayList<>();
        for (Snippet s : snippets) {
            int before = model.checkedCalls.size();
            problems.addAll(model.check(s.where(), withoutPlaceholders(s.code())));
            if (s.code().contains("magentoDmt") && model.checkedCalls.subList(before, model.checkedCalls.size()).stream()
                    .noneMatch(model.steps::containsKey)) {
                problems.add(s.where() + ": mentions the step but calls no magentoDmtUpgrade");
            }
        }
        return problems;
    }

    /** Inline {@code symbol(…)} and {@code name: value} code: a fragment of a call, so no parameter is required. */
    static List<String> checkInline(PipelineArguments model, List<Snippet> spans) {
        List<String> problems = new ArrayList<>();
        Class<?> step = model.steps.values().iterator().next();
        Pattern symbolCall = Pattern.compile("^(\\w+)\\s*\\(.*\\)$");
        Pattern argument = Pattern.compile("^([a-z][A-Za-z0-9]*):\\s+\\S.*$");
        for (Snippet s : spans) {
            String code = withoutPlaceholders(s.code().strip());
            Matcher call = symbolCall.matcher(code);
            if (call.matches() && (model.symbols.containsKey(call.group(1)) || model.steps.containsKey(call.group(1)))) {
                problems.addAll(model.check(s.where() + " `" + code + "`", code));
            } else if (argument.matcher(code).matches()) {
                ModuleNode module = PipelineArguments.parse(s.where(), "f(" + code + ")");
                Expression args = ((org.codehaus.groovy.ast.expr.MethodCallExpression) ((ExpressionStatement)
                        ((BlockStatement) module.getStatementBlock()).getStatements().get(0)).getExpression()).getArguments();
                model.checkedCalls.add("inline " + code);
                problems.addAll(model.checkCall(s.where() + " `" + code + "`", step, args, false));
            }
        }
        return problems;
    }

    @Test
    void everyJenkinsfileExampleMapsOntoOurClasses() throws Exception {
        PipelineArguments model = model();
        assertEquals(Map.of("knownHostsFile", KnownHostsFileVerification.class, "manuallyProvidedKey",
                ManuallyProvidedKeyVerification.class, "acceptAnyHostKey", AcceptAnyHostKeyVerification.class,
                "controllerHostKeys", io.jenkins.plugins.magentodmt.ControllerHostKeysVerification.class), model.symbols);
        List<Snippet> snippets = jenkinsfileSnippets();
        // README (2), docs/usage.md (4), the step's and the builder's help.html (1 each): a lost snippet is a lost check.
        assertTrue(snippets.size() >= 8, snippets.toString());
        List<String> problems = checkSnippets(model, snippets);
        assertEquals(List.of(), problems);
        assertTrue(model.checkedCalls.stream().filter("magentoDmtUpgrade"::equals).count() >= 8, model.checkedCalls.toString());
        assertTrue(model.checkedCalls.containsAll(List.of("knownHostsFile", "manuallyProvidedKey")), model.checkedCalls.toString());
    }

    @Test
    void everyInlineArgumentInTheDocsMapsOntoOurClasses() throws Exception {
        PipelineArguments model = model();
        List<Snippet> spans = new ArrayList<>();
        for (Path doc : documents()) {
            spans.addAll(inlineCode(doc));
        }
        List<String> problems = checkInline(model, spans);
        assertEquals(List.of(), problems);
        // README's table shows all four host key choices; usage.md and help.html show name: value arguments.
        assertTrue(model.checkedCalls.containsAll(List.of("knownHostsFile", "manuallyProvidedKey", "acceptAnyHostKey")),
                model.checkedCalls.toString());
        assertTrue(model.checkedCalls.stream().anyMatch(c -> c.startsWith("inline composerCommand:")), model.checkedCalls.toString());
    }

    /** README's table of parameters: every property, its type, whether it is required, and its default. */
    @Test
    void readmeParameterTableMatchesTheStep() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("### Parameters");
        assertTrue(at >= 0, "README has a Parameters section");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : readme.substring(at).split("\n")) {
            Matcher m = Pattern.compile("^\\| `(\\w+)` \\|([^|]*)\\|([^|]*)\\|").matcher(line);
            if (m.find()) {
                rows.put(m.group(1), new String[] {m.group(2).strip(), m.group(3).strip()});
            }
        }
        Map<String, Class<?>> properties = ViewChecker.boundProperties(MagentoDmtUpgradeStep.class);
        assertEquals(properties.keySet(), rows.keySet(), "README's parameters are the step's");
        List<String> required = PipelineArguments.requiredParameters(MagentoDmtUpgradeStep.class);
        MagentoDmtUpgradeStep fresh = new MagentoDmtUpgradeStep("h", "c", "/r");
        PipelineArguments model = model();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            String name = row.getKey();
            String type = row.getValue()[0];
            String defaults = row.getValue()[1];
            Class<?> t = properties.get(name);
            Class<?> documented = switch (type) {
                case "string" -> String.class;
                case "int" -> int.class;
                case "boolean" -> boolean.class;
                default -> null;
            };
            if (documented == null) {
                // A list of symbol calls: each must make the property's type.
                Matcher call = Pattern.compile("`(\\w+)\\(").matcher(type);
                int calls = 0;
                while (call.find()) {
                    calls++;
                    Class<?> c = model.symbols.get(call.group(1));
                    if (c == null || !t.isAssignableFrom(c)) {
                        problems.add(name + ": " + call.group(1) + "() does not make a " + t.getSimpleName());
                    }
                }
                if (calls == 0) {
                    problems.add(name + ": unknown documented type " + type);
                }
            } else if (documented != t) {
                problems.add(name + " is documented as " + type + " but is " + t);
            }
            boolean isRequired = required.contains(name);
            if (isRequired != defaults.equals("required")) {
                problems.add(name + " is " + (isRequired ? "" : "not ") + "required, but the table says " + defaults);
            }
            if (!isRequired) {
                Object actual = ViewChecker.getter(MagentoDmtUpgradeStep.class, name).invoke(fresh);
                Matcher literal = Pattern.compile("^`([^`]*)`").matcher(defaults);
                if (!literal.find()) {
                    if (actual != null) {
                        problems.add(name + ": the table gives no literal default (" + defaults + ") but it is " + actual);
                    }
                } else {
                    String d = literal.group(1);
                    Matcher symbol = Pattern.compile("^(\\w+)\\(\\)$").matcher(d);
                    boolean same = symbol.matches() ? actual != null && actual.getClass() == model.symbols.get(symbol.group(1))
                            : Objects.equals(String.valueOf(actual), d);
                    if (!same) {
                        problems.add(name + ": the table says the default is " + d + " but it is " + actual);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Snippet Generator and the form's reconfigure read each property back through a public getter of the same type. */
    @Test
    void everyBoundPropertyReadsBack() {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : List.of(MagentoDmtUpgradeStep.class, MagentoDmtUpgradeBuilder.class, KnownHostsFileVerification.class,
                ManuallyProvidedKeyVerification.class, AcceptAnyHostKeyVerification.class)) {
            for (Map.Entry<String, Class<?>> p : ViewChecker.boundProperties(type).entrySet()) {
                Method getter = ViewChecker.getter(type, p.getKey());
                if (getter == null || getter.getReturnType() != p.getValue()) {
                    problems.add(type.getSimpleName() + "." + p.getKey() + ": no public getter returning " + p.getValue()
                            + " (uninstantiate fails: 'no public field … (or getter method) found')");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The checker itself, on a Jenkinsfile with one of each mistake. */
    @Test
    void theCheckerRejectsABadJenkinsfile() throws Exception {
        String bad;
        try (InputStream in = getClass().getResourceAsStream("/fidelity/bad-Jenkinsfile.groovy")) {
            assertNotNull(in);
            bad = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PipelineArguments model = model();
        List<String> problems = checkSnippets(model, List.of(new Snippet("bad-Jenkinsfile.groovy", bad)));
        for (String expected : List.of(
                "line 3: magentoDmtUpgrade: Unknown parameter(s) found for class type 'io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep': credentialId",
                "line 3: magentoDmtUpgrade: the required parameter credentialsId of MagentoDmtUpgradeStep is missing",
                "port expects int but was unable to coerce the received value \"22x\"",
                "dryRun: Boolean.valueOf(\"yes\") is false",
                "timeoutMinutes expects int but received class java.lang.Boolean",
                "version expects class java.lang.String but received class java.lang.Integer",
                "no known implementation of io.jenkins.plugins.magentodmt.HostKeyVerification is using symbol ‘knownHostFile’",
                "manuallyProvidedKey(): Unknown parameter(s) found for class type 'io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification': fingerprint",
                "manuallyProvidedKey(): the required parameter key of ManuallyProvidedKeyVerification is missing",
                "line 9: magentoDmtUpgrade: the required parameter host of MagentoDmtUpgradeStep is missing",
                "must specify $class with an implementation of io.jenkins.plugins.magentodmt.HostKeyVerification",
                "magentoDmtUpgrad is no step",
                "line 13: magentoDmtUpgrade: arguments to io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep have to be explicitly named",
                "acceptAnyHostKey(): arguments to io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification have to be explicitly named")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected \"" + expected + "\" in\n"
                    + String.join("\n", problems));
        }
        // And the good forms pass: an unnamed sole required argument, a $class map, string-to-number coercion.
        List<String> good = model.check("good", "magentoDmtUpgrade host: 'h', credentialsId: 'c', magentoRoot: \"/r/${x}\", "
                + "port: '2222', dryRun: 'true', hostKeyVerification: manuallyProvidedKey('SHA256:abc')\n"
                + "magentoDmtUpgrade(host: 'h', credentialsId: 'c', magentoRoot: '/r', "
                + "hostKeyVerification: [$class: 'KnownHostsFileVerification', path: '/k'])");
        assertEquals(List.of(), good);
        List<String> inline = checkInline(model, List.of(new Snippet("bad.md", "composerCommnd: 'composer'"),
                new Snippet("bad.md", "knownHostsFile(file: '/k')"), new Snippet("bad.md", "checkOnly: 'yes'")));
        assertEquals(3, inline.size(), inline.toString());
    }

    @Test
    void snippetsWithPlaceholdersStillParse() {
        assertEquals("node {\n    // omitted\n}\n", withoutPlaceholders("node {\n    …\n}\n"));
        assertEquals("manuallyProvidedKey(key: placeholder)", withoutPlaceholders("manuallyProvidedKey(key: ...)"));
        assertEquals("f(key: 'SHA256:…', x: placeholder)", withoutPlaceholders("f(key: 'SHA256:…', x: …)"));
        PipelineArguments.parse("placeholder", withoutPlaceholders("node {\n  ...\n  magentoDmtUpgrade host: 'SHA256:…'\n}\n"));
    }
}
