package io.jenkins.plugins.magentodmt.fidelity;

import hudson.Extension;
import io.jenkins.plugins.magentodmt.HostKeyVerification;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import java.beans.Introspector;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;

/** The plugin's configurable classes, found the way Jenkins finds them, and their state read by reflection. */
final class PluginTypes {
    private static final String PLUGIN_PACKAGE = MagentoDmtUpgradeBuilder.class.getPackageName();
    private static volatile List<Class<? extends HostKeyVerification>> strategies;

    private PluginTypes() {
    }

    /**
     * Every host key strategy Jenkins would offer in the dropdown: the classes whose {@code DescriptorImpl} the
     * plugin's sezpoz index ({@code META-INF/annotations/hudson.Extension}) lists, as {@code ExtensionList} reads it.
     */
    static List<Class<? extends HostKeyVerification>> strategies() {
        List<Class<? extends HostKeyVerification>> r = strategies;
        if (r == null) {
            r = new ArrayList<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, PluginTypes.class.getClassLoader())) {
                Class<?> c;
                try {
                    c = Class.forName(item.className(), false, PluginTypes.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("The @Extension index lists a missing class " + item.className(), e);
                }
                Class<?> outer = c.getEnclosingClass();
                if (outer != null && outer != HostKeyVerification.class && HostKeyVerification.class.isAssignableFrom(outer)) {
                    r.add(outer.asSubclass(HostKeyVerification.class));
                }
            }
            r.sort(Comparator.comparing(Class::getName));
            if (r.isEmpty()) {
                throw new AssertionError("No host key strategy in the @Extension index");
            }
            strategies = r = List.copyOf(r);
        }
        return r;
    }

    /**
     * The strategies in the order the dropdown lists them: {@code ExtensionList} sorts by {@code @Extension(ordinal)},
     * highest first, and a new build step's form preselects the first.
     */
    static List<Class<? extends HostKeyVerification>> dropdownOrder() {
        Map<Class<?>, Double> ordinal = new java.util.HashMap<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, PluginTypes.class.getClassLoader())) {
            for (Class<? extends HostKeyVerification> s : strategies()) {
                if (item.className().equals(s.getName() + "$DescriptorImpl")) {
                    ordinal.put(s, item.annotation().ordinal());
                }
            }
        }
        List<Class<? extends HostKeyVerification>> r = new ArrayList<>(strategies());
        r.sort(Comparator.comparing((Class<?> c) -> -ordinal.getOrDefault(c, 0.0)).thenComparing(Class::getName));
        return r;
    }

    /** Every class that Stapler instantiates from the plugin's forms. */
    static List<Class<?>> dataBound() {
        List<Class<?>> r = new ArrayList<>(List.of(MagentoDmtUpgradeBuilder.class, MagentoDmtUpgradeStep.class,
                io.jenkins.plugins.magentodmt.KnownHostKey.class));
        r.addAll(strategies());
        return r;
    }

    /**
     * The bean properties the plugin's getters expose ({@code getX}/{@code isX}, public, no argument, declared in the
     * plugin's package), with nested strategies as maps that carry their {@code $class}. Compared with equals, this is
     * the object as the configuration page shows it.
     */
    static Map<String, Object> properties(Object bean) {
        Map<String, Object> r = new TreeMap<>();
        if (bean instanceof HostKeyVerification) {
            r.put("$class", bean.getClass().getName());
        }
        for (Method m : bean.getClass().getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getReturnType() == void.class
                    || !m.getDeclaringClass().getPackageName().equals(PLUGIN_PACKAGE)) {
                continue;
            }
            String name = propertyName(m);
            if (name == null) {
                continue;
            }
            try {
                r.put(name, nested(m.invoke(bean)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError("Cannot read " + name + " of " + bean.getClass().getName(), e);
            }
        }
        return r;
    }

    /**
     * The instance fields (non-static, transient ones included, named {@code transient:x}), with nested strategies
     * as maps: what XStream can see of the object.
     */
    static Map<String, Object> fields(Object bean) {
        Map<String, Object> r = new TreeMap<>();
        if (bean instanceof HostKeyVerification) {
            r.put("$class", bean.getClass().getName());
        }
        for (Field f : instanceFields(bean.getClass())) {
            f.setAccessible(true);
            try {
                String key = Modifier.isTransient(f.getModifiers()) ? "transient:" + f.getName() : f.getName();
                Object v = f.get(bean);
                r.put(key, v instanceof HostKeyVerification || v instanceof MagentoDmtUpgradeStep ? fields(v) : v);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return r;
    }

    /** The instance fields of the class and its superclasses in the plugin's package. */
    static List<Field> instanceFields(Class<?> type) {
        List<Field> r = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getPackageName().equals(PLUGIN_PACKAGE); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    r.add(f);
                }
            }
        }
        return r;
    }

    static String propertyName(Method m) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3) {
            return Introspector.decapitalize(n.substring(3));
        }
        if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
            return Introspector.decapitalize(n.substring(2));
        }
        return null;
    }

    private static Object nested(Object value) {
        return value instanceof HostKeyVerification || value instanceof MagentoDmtUpgradeStep ? properties(value) : value;
    }
}
