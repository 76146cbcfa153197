package io.jenkins.plugins.magentodmt.fidelity;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.RequestImpl;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest;

/**
 * A configuration form submission as a live Jenkins handles it: Jenkins' {@code Descriptor.newInstance(req, formData)}
 * calls {@code req.bindJSON(clazz, formData)} for a class with a {@code @DataBoundConstructor}; here {@code req} is
 * the real Stapler's {@link RequestImpl}, on a {@link Stapler} servlet initialized the ordinary way
 * ({@code init(ServletConfig)}) over a minimal servlet container made of {@link Proxy}s. Everything from
 * {@code bindJSON} down ({@code TypePair.convertJSON}, {@code $class}/{@code stapler-class} resolution,
 * {@code instantiate}, the {@code @DataBoundSetter} injection, Stapler's value converters) is Stapler's own code.
 *
 * <p>One difference from Jenkins 2.479.3's Stapler (1903.x) is bridged. Stapler 1.263, the last one on Maven Central,
 * learns constructor parameter names from the class file's LocalVariableTable with ASM 5, which rejects Java 17
 * class files; Stapler 1903.x first asks reflection ({@code Parameter.getName()}, present because the plugin is
 * compiled with {@code -parameters}). The fidelity module leaves ASM 5 off the classpath, so Stapler catches the
 * {@code LinkageError} (its documented "incompatible ASM" path) and reads its other source of names, the
 * {@code <class>.stapler} file that its own annotation processor would write. {@link #bind} writes that file from
 * reflection, exactly the names Stapler 1903.x would use, and fails if the plugin lacks {@code -parameters}.
 */
final class StaplerForms {
    private static final Map<Class<?>, String> PARAMETER_NAMES = new ConcurrentHashMap<>();
    private static volatile StaplerRequest request;

    private StaplerForms() {
    }

    /** What {@code Descriptor.newInstance(req, formData)} does for a {@code @DataBoundConstructor} class. */
    static <T> T bind(Class<T> type, JSONObject formData) {
        for (Class<?> c : PluginTypes.dataBound()) {
            publishParameterNames(c);
        }
        return request().bindJSON(type, formData);
    }

    /** What {@code GlobalConfiguration.configure(req, json)} does: binds the submitted section onto the instance. */
    static void bindOnto(Object bean, String formJson) {
        for (Class<?> c : PluginTypes.dataBound()) {
            publishParameterNames(c);
        }
        request().bindJSON(bean, JSONObject.fromObject(formJson));
    }

    static <T> T bind(Class<T> type, String formJson) {
        return bind(type, JSONObject.fromObject(formJson));
    }

    /** The constructor parameter names Stapler 1903.x reads by reflection, or an assertion error without {@code -parameters}. */
    static String[] constructorParameterNames(Class<?> type) {
        Constructor<?> dbc = dataBoundConstructor(type);
        Parameter[] parameters = dbc.getParameters();
        for (Parameter p : parameters) {
            if (!p.isNamePresent()) {
                throw new AssertionError(type.getName() + " was compiled without -parameters: Stapler 1903.x would fall "
                        + "back to the LocalVariableTable and a Pipeline's named arguments would be guesses");
            }
        }
        return Arrays.stream(parameters).map(Parameter::getName).toArray(String[]::new);
    }

    static Constructor<?> dataBoundConstructor(Class<?> type) {
        Constructor<?> found = null;
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                if (found != null) {
                    throw new AssertionError(type.getName() + " has two @DataBoundConstructor constructors");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new AssertionError(type.getName() + " has no public @DataBoundConstructor constructor");
        }
        return found;
    }

    /** Writes {@code <class>.stapler} ({@code constructor=a,b}) next to the test classes, where the class loader finds it. */
    private static void publishParameterNames(Class<?> type) {
        String names = String.join(",", constructorParameterNames(type));
        if (names.equals(PARAMETER_NAMES.get(type))) {
            return;
        }
        Path file = testClasses().resolve(type.getName().replace('.', '/').replace('$', '/') + ".stapler");
        Properties p = new Properties();
        p.setProperty("constructor", names);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Written by the fidelity tests from " + type.getName() + "'s -parameters names");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PARAMETER_NAMES.put(type, names);
    }

    private static Path testClasses() {
        try {
            return Path.of(StaplerForms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static StaplerRequest request() {
        StaplerRequest r = request;
        if (r == null) {
            synchronized (StaplerForms.class) {
                r = request;
                if (r == null) {
                    request = r = newRequest();
                }
            }
        }
        return r;
    }

    private static StaplerRequest newRequest() {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ServletContext context = proxy(ServletContext.class, (p, m, a) -> switch (m.getName()) {
            case "getAttribute" -> attributes.get((String) a[0]);
            case "setAttribute" -> {
                attributes.put((String) a[0], a[1]);
                yield null;
            }
            case "getAttributeNames" -> Collections.enumeration(new ArrayList<>(attributes.keySet()));
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            case "getServletContextName", "getContextPath" -> "";
            default -> defaultValue(m.getReturnType());
        });
        ServletConfig config = proxy(ServletConfig.class, (p, m, a) -> switch (m.getName()) {
            case "getServletContext" -> context;
            case "getServletName" -> "Stapler";
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> defaultValue(m.getReturnType());
        });
        HttpServletRequest http = proxy(HttpServletRequest.class, (p, m, a) -> switch (m.getName()) {
            case "getMethod" -> "POST";
            case "getRequestURI" -> "/job/upgrade/configSubmit";
            case "getContextPath", "getServletPath" -> "";
            case "getServletContext" -> context;
            case "getParameterNames", "getHeaderNames", "getAttributeNames" -> Collections.emptyEnumeration();
            case "getParameterMap" -> Collections.emptyMap();
            default -> defaultValue(m.getReturnType());
        });
        Stapler stapler = new Stapler();
        try {
            stapler.init(config);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        return new RequestImpl(stapler, http, new ArrayList<>(), null /* no URL traversal: only bindJSON is used */);
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler withObjectMethods = (p, m, a) -> switch (m.getName()) {
            case "equals" -> p == a[0];
            case "hashCode" -> System.identityHashCode(p);
            case "toString" -> type.getSimpleName() + " for the fidelity tests";
            default -> handler.invoke(p, m, a);
        };
        return type.cast(Proxy.newProxyInstance(StaplerForms.class.getClassLoader(), new Class<?>[] {type}, withObjectMethods));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
