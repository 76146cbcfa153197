package io.jenkins.plugins.magentodmt.fidelity;

import hudson.model.Descriptor;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a Jelly view the way Jenkins will render it: every tag from a Jenkins tag library exists there and gets its
 * required attributes; every form field is a bound property with a help file; validation and the validate button
 * reach descriptor methods with the HTTP verb those methods accept. Each check returns the problems it found, so that
 * the checker itself can be tested on a broken view.
 */
final class ViewChecker {
    /** The namespaces whose {@code field} attribute names a property of the described class. */
    private static final Set<String> FORM_LIBRARIES = Set.of("/lib/form", "/lib/credentials");
    /** Tags that hold a field without being its control. */
    private static final Set<String> FIELD_HOLDERS = Set.of("entry", "invisibleEntry");

    private ViewChecker() {
    }

    static Document parse(String name, String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), name);
        } catch (Exception e) {
            throw new AssertionError(name + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> elements(Document doc) {
        List<Element> all = new ArrayList<>();
        all.add(doc.getDocumentElement());
        collectChildren(doc.getDocumentElement(), all);
        return all;
    }

    private static void collectChildren(Element e, List<Element> into) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
                into.add(c);
                collectChildren(c, into);
            }
        }
    }

    private static String where(String view, Element e) {
        return view + ": <" + e.getTagName() + ">";
    }

    /** Tags: known library, existing tag, documented attributes, required attributes present. */
    static List<String> tagProblems(String view, Document doc) {
        List<String> problems = new ArrayList<>();
        for (Element e : elements(doc)) {
            String uri = e.getNamespaceURI();
            if (uri == null || uri.isEmpty() || uri.equals("http://www.w3.org/1999/xhtml")) {
                continue; // literal HTML
            }
            if (!TagLibraries.known(uri)) {
                problems.add(where(view, e) + " is in the namespace " + uri + ", which is no tag library of Jenkins 2.479.3");
                continue;
            }
            TagLibraries.Tag tag = TagLibraries.tags(uri).get(e.getLocalName());
            if (tag == null) {
                problems.add(where(view, e) + ": " + uri + " has no tag " + e.getLocalName()
                        + " (Jelly would copy the element into the page as it is: no control, no error)");
                continue;
            }
            NamedNodeMap attrs = e.getAttributes();
            Set<String> present = new TreeSet<>();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if (a.getNamespaceURI() != null) {
                    continue; // xmlns declarations and namespaced attributes
                }
                present.add(a.getLocalName());
                if (!tag.accepts(a.getLocalName())) {
                    problems.add(where(view, e) + ": " + uri + " " + tag.name() + " has no attribute " + a.getLocalName()
                            + " (it is ignored); it documents " + tag.attributes());
                }
            }
            for (String required : tag.required()) {
                if (!present.contains(required)) {
                    problems.add(where(view, e) + " lacks its required attribute " + required);
                }
            }
        }
        return problems;
    }

    /** The properties Stapler and Pipeline bind: @DataBoundConstructor parameters, then @DataBoundSetter properties. */
    static Map<String, Class<?>> boundProperties(Class<?> type) {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (!p.isNamePresent()) {
                        throw new AssertionError(type + " must be compiled with -parameters, as Jenkins plugins are");
                    }
                    names.put(p.getName(), p.getType());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                names.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m.getParameterTypes()[0]);
            }
        }
        return names;
    }

    static Class<?> descriptorOf(Class<?> type) {
        if (Descriptor.class.isAssignableFrom(type)) {
            return type; // a GlobalConfiguration is its own descriptor
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (Descriptor.class.isAssignableFrom(nested) && Modifier.isStatic(nested.getModifiers())) {
                return nested;
            }
        }
        throw new AssertionError(type + " has no nested descriptor class");
    }

    static boolean requiresPost(Method m) {
        return m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(RequirePOST.class);
    }

    static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The field a form element names, its own or that of the entry around it. */
    static String fieldOf(Element e) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            if (FORM_LIBRARIES.contains(String.valueOf(el.getNamespaceURI())) && el.hasAttribute("field")) {
                return el.getAttribute("field");
            }
        }
        return null;
    }

    /** Every field of a config view, in order. */
    static Set<String> fields(Document doc) {
        Set<String> fields = new LinkedHashSet<>();
        for (Element e : elements(doc)) {
            if (FORM_LIBRARIES.contains(String.valueOf(e.getNamespaceURI())) && e.hasAttribute("field")) {
                fields.add(e.getAttribute("field"));
            }
        }
        return fields;
    }

    /**
     * A describable's config view against its class and descriptor.
     *
     * @param helpExists whether {@code help-NAME.html} exists beside the view
     * @param helpFiles the {@code help-*.html} files beside the view, by field name
     * @param nestedConfigs the config views of the other describables, by class, for fields of nested describables
     */
    static List<String> formProblems(String view, Class<?> type, Document doc, Predicate<String> helpExists,
                                     Collection<String> helpFiles, Map<Class<?>, Document> nestedConfigs) {
        List<String> problems = new ArrayList<>();
        Map<String, Class<?>> properties = boundProperties(type);
        Class<?> descriptor = descriptorOf(type);
        Set<String> fields = fields(doc);
        // A nested describable's form (f:property) brings its fields' help with it; the property itself has none.
        Set<String> nested = new LinkedHashSet<>();
        for (Element e : elements(doc)) {
            if (FORM_LIBRARIES.contains(String.valueOf(e.getNamespaceURI())) && e.getLocalName().equals("property") && e.hasAttribute("field")) {
                nested.add(e.getAttribute("field"));
            }
        }

        for (String field : fields) {
            if (!properties.containsKey(field)) {
                problems.add(view + ": field \"" + field + "\" is no @DataBoundConstructor parameter or @DataBoundSetter of "
                        + type.getSimpleName() + " " + properties.keySet() + " (Stapler would drop the value on save)");
            }
            if (!nested.contains(field) && !helpExists.test(field)) {
                problems.add(view + ": field \"" + field + "\" has no help-" + field + ".html");
            }
        }
        for (String help : helpFiles) {
            if (!fields.contains(help)) {
                problems.add(view + ": help-" + help + ".html belongs to no field of the form " + fields);
            }
        }

        for (Method m : descriptor.getMethods()) {
            String name = m.getName();
            if (name.startsWith("doCheck") && name.length() > "doCheck".length()) {
                String field = Character.toLowerCase(name.charAt(7)) + name.substring(8);
                if (!fields.contains(field)) {
                    problems.add(view + ": " + descriptor.getSimpleName() + "." + name + " validates \"" + field
                            + "\", which the form does not have");
                    continue;
                }
                if (requiresPost(m)) {
                    for (Element control : controlsOf(doc, field)) {
                        if (!"post".equals(control.getAttribute("checkMethod"))) {
                            problems.add(where(view, control) + " of field \"" + field + "\" needs checkMethod=\"post\": "
                                    + descriptor.getSimpleName() + "." + name + " is @POST, so the default GET gets 405");
                        }
                    }
                }
            }
        }

        for (Element e : elements(doc)) {
            if (FORM_LIBRARIES.contains(String.valueOf(e.getNamespaceURI())) && e.getLocalName().equals("select")) {
                String field = fieldOf(e);
                String fill = "doFill" + capitalized(field) + "Items";
                if (Arrays.stream(descriptor.getMethods()).noneMatch(m -> m.getName().equals(fill))) {
                    problems.add(where(view, e) + " of field \"" + field + "\": " + descriptor.getSimpleName() + " has no "
                            + fill + " (Descriptor.calcFillSettings fails the whole page)");
                }
            }
            if ("/lib/form".equals(e.getNamespaceURI()) && e.getLocalName().equals("validateButton")) {
                problems.addAll(validateButtonProblems(view, e, descriptor, fields, properties, nestedConfigs));
            }
        }
        return problems;
    }

    /** The controls of a field: elements of a form library that support checkMethod, under the field's entry. */
    static List<Element> controlsOf(Document doc, String field) {
        List<Element> controls = new ArrayList<>();
        for (Element e : elements(doc)) {
            String uri = e.getNamespaceURI();
            if (FORM_LIBRARIES.contains(uri) && !FIELD_HOLDERS.contains(e.getLocalName()) && field.equals(fieldOf(e))) {
                TagLibraries.Tag tag = TagLibraries.tags(uri).get(e.getLocalName());
                if (tag != null && tag.attributes() != null && tag.attributes().contains("checkMethod")) {
                    controls.add(e);
                }
            }
        }
        return controls;
    }

    private static List<String> validateButtonProblems(String view, Element button, Class<?> descriptor, Set<String> fields,
                                                       Map<String, Class<?>> properties,
                                                       Map<Class<?>, Document> nestedConfigs) {
        List<String> problems = new ArrayList<>();
        String methodName = "do" + capitalized(button.getAttribute("method"));
        Method target = Arrays.stream(descriptor.getMethods()).filter(m -> m.getName().equals(methodName)).findFirst().orElse(null);
        if (target == null) {
            problems.add(where(view, button) + " calls " + methodName + ", which " + descriptor.getSimpleName() + " lacks");
            return problems;
        }
        if (!requiresPost(target)) {
            problems.add(where(view, button) + ": " + methodName + " acts on the button's POST; it must be @POST "
                    + "(or @RequirePOST), else a GET link can make it connect (CSRF)");
        }
        // What the form can send: its own fields and those of every describable a dropdown of it can hold.
        Set<String> onTheForm = new TreeSet<>(fields);
        for (String field : fields) {
            Class<?> propertyType = properties.get(field);
            if (propertyType == null) {
                continue;
            }
            for (Map.Entry<Class<?>, Document> nested : nestedConfigs.entrySet()) {
                if (propertyType.isAssignableFrom(nested.getKey())) {
                    onTheForm.addAll(fields(nested.getValue()));
                }
            }
        }
        Set<String> with = new LinkedHashSet<>();
        for (String w : button.getAttribute("with").split(",")) {
            if (!w.isBlank()) {
                with.add(w.strip());
            }
        }
        Set<String> queryParameters = new LinkedHashSet<>();
        for (Parameter p : target.getParameters()) {
            QueryParameter q = p.getAnnotation(QueryParameter.class);
            if (q != null) {
                queryParameters.add(q.value().isEmpty() ? p.getName() : q.value());
            } else if (!p.isAnnotationPresent(AncestorInPath.class)) {
                problems.add(where(view, button) + ": parameter " + p.getName() + " of " + methodName
                        + " is neither @QueryParameter nor @AncestorInPath");
            }
        }
        for (String w : with) {
            if (!onTheForm.contains(w)) {
                problems.add(where(view, button) + " sends \"" + w + "\", which is no field of the form " + onTheForm);
            }
            if (!queryParameters.contains(w)) {
                problems.add(where(view, button) + " sends \"" + w + "\", which " + methodName + " does not read");
            }
        }
        for (String q : queryParameters) {
            if (!with.contains(q)) {
                problems.add(where(view, button) + ": " + methodName + " reads \"" + q + "\", which the button's with= "
                        + "does not send (it would always be empty)");
            }
        }
        return problems;
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.%])([A-Za-z_]\\w*)((?:\\.[A-Za-z_]\\w*)+)");

    /**
     * JEXL expressions of a view: every {@code it.a.b} (and {@code v.a} where {@code <j:set var="v" value="${it.x}"/>})
     * must resolve to public getters, or the page shows an empty cell without an error.
     */
    static List<String> expressionProblems(String view, Class<?> it, Document doc, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Class<?>> variables = new LinkedHashMap<>();
        variables.put("it", it);
        for (Element e : elements(doc)) {
            if ("jelly:core".equals(e.getNamespaceURI()) && e.getLocalName().equals("set") && e.hasAttribute("var")) {
                Matcher m = Pattern.compile("^\\$\\{it((?:\\.\\w+)+)}$").matcher(e.getAttribute("value"));
                if (m.matches()) {
                    Class<?> t = resolve(it, m.group(1).substring(1).split("\\."));
                    if (t != null) {
                        variables.put(e.getAttribute("var"), t);
                    }
                }
            }
        }
        Matcher expression = EXPRESSION.matcher(source);
        while (expression.find()) {
            String body = expression.group(1);
            if (body.startsWith("%")) {
                continue; // a localized message
            }
            Matcher path = PATH.matcher(body);
            while (path.find()) {
                Class<?> root = variables.get(path.group(1));
                if (root == null) {
                    continue; // rootURL, request and the like, from Stapler
                }
                String[] steps = path.group(2).substring(1).split("\\.");
                if (resolve(root, steps) == null) {
                    problems.add(view + ": ${" + body + "}: " + root.getSimpleName() + " has no public getter path "
                            + path.group(2).substring(1));
                }
            }
        }
        return problems;
    }

    private static Class<?> resolve(Class<?> type, String[] steps) {
        Class<?> t = type;
        for (String step : steps) {
            Method getter = getter(t, step);
            if (getter == null) {
                return null;
            }
            t = getter.getReturnType();
        }
        return t;
    }

    static Method getter(Class<?> type, String property) {
        for (String prefix : List.of("get", "is")) {
            try {
                Method m = type.getMethod(prefix + capitalized(property));
                if (m.getParameterCount() == 0 && (prefix.equals("get") || m.getReturnType() == boolean.class)) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next prefix
            }
        }
        return null;
    }
}
