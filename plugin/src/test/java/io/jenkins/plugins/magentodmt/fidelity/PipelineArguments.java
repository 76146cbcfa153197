package io.jenkins.plugins.magentodmt.fidelity;

import hudson.model.Descriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * How Pipeline turns a Jenkinsfile's step call into our {@code Step}, reimplemented from structs' {@code DescribableModel}
 * (jenkinsci/structs-plugin, {@code src/main/java/org/jenkinsci/plugins/structs/describable/DescribableModel.java}:
 * {@code instantiate}, {@code buildArguments}, {@code injectSetters}, {@code coerce}, {@code resolveClass}) because
 * structs is not on Maven Central, and applied to the Groovy AST of a snippet (parsed to the CONVERSION phase: nothing
 * runs). The rules kept:
 * <ul>
 * <li>a parameter is the name of a {@code @DataBoundConstructor} parameter ({@code isRequired()}: our constructors
 *     reject a missing one) or of a {@code @DataBoundSetter} (optional);</li>
 * <li>an unknown name: {@code "WARNING: Unknown parameter(s) found for class type …"}, an error when
 *     {@code STRICT_PARAMETER_CHECKING} (in Jenkins' own tests), else only a log line and the value ignored: an error
 *     here, since a documented argument that is silently ignored is the drift we guard against;</li>
 * <li>one unnamed argument goes to the sole required parameter ({@code ANONYMOUS_KEY}), else "have to be explicitly
 *     named";</li>
 * <li>coercion: a value already of the (boxed) type; a GString to String; a String to a number
 *     ({@code coerceStringToNumber}), to a boolean ({@code Boolean.valueOf}: here only "true"/"false", since any other
 *     text silently means false), to an enum; a nested call of a {@code @Symbol} ({@code UninstantiatedDescribable})
 *     to the describable of that symbol that extends the parameter's type; a map with {@code $class} likewise; a
 *     missing primitive is its VM default (a setter is then not called);</li>
 * <li>anything computed at run time (a variable, a property, a method result) cannot be judged here and passes.</li>
 * </ul>
 */
final class PipelineArguments {
    /** A value whose type is only known at run time. */
    private static final Object DYNAMIC = new Object() {
        @Override
        public String toString() {
            return "a run-time value";
        }
    };
    /** A GString: a String whose text is only known at run time. */
    private static final Object RUNTIME_STRING = new Object();

    final Map<String, Class<?>> steps = new LinkedHashMap<>();
    final Map<String, Class<?>> symbols = new LinkedHashMap<>();
    /** Calls seen, for the tests to prove that they looked at something. */
    final List<String> checkedCalls = new ArrayList<>();

    /** @param stepFunctions function name to the Step class; @param describables the classes with a @Symbol descriptor */
    PipelineArguments(Map<String, Class<?>> stepFunctions, List<Class<? extends Descriptor<?>>> describableDescriptors) {
        steps.putAll(stepFunctions);
        for (Class<? extends Descriptor<?>> d : describableDescriptors) {
            Symbol s = d.getAnnotation(Symbol.class);
            if (s != null) {
                for (String name : s.value()) {
                    symbols.put(name, d.getEnclosingClass());
                }
            }
        }
    }

    static ModuleNode parse(String name, String groovy) {
        CompilationUnit cu = new CompilationUnit(new CompilerConfiguration());
        SourceUnit su = cu.addSource(name, groovy);
        try {
            cu.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            throw new AssertionError(name + " is not valid Groovy:\n" + groovy + "\n" + e.getMessage(), e);
        }
        return su.getAST();
    }

    /** Every call of a known step or symbol in the snippet, checked; returns the problems. */
    List<String> check(String where, String groovy) {
        ModuleNode module = parse(where, groovy);
        List<String> problems = new ArrayList<>();
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return module.getContext();
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                if (call.isImplicitThis() && name != null) {
                    String at = where + " line " + call.getLineNumber();
                    if (steps.containsKey(name)) {
                        checkedCalls.add(name);
                        problems.addAll(checkCall(at + ": " + name, steps.get(name), call.getArguments(), true));
                    } else if (symbols.containsKey(name)) {
                        checkedCalls.add(name);
                        problems.addAll(checkCall(at + ": " + name + "()", symbols.get(name), call.getArguments(), true));
                    } else if (steps.keySet().stream().anyMatch(s -> name.regionMatches(true, 0, s, 0, Math.min(s.length(), 10)))) {
                        problems.add(at + ": " + name + " is no step; did you mean " + steps.keySet() + "?");
                    }
                }
                super.visitMethodCallExpression(call);
            }
        };
        // The script class's run() holds the top-level statements; its other methods are the script's own.
        for (ClassNode c : module.getClasses()) {
            visitor.visitClass(c);
        }
        return problems;
    }

    /**
     * The arguments of a call against a describable class.
     *
     * @param requireAll whether missing required parameters are problems (false for an inline fragment of a call)
     */
    List<String> checkCall(String where, Class<?> type, Expression arguments, boolean requireAll) {
        List<String> problems = new ArrayList<>();
        Map<String, Expression> named = new LinkedHashMap<>();
        List<Expression> positional = new ArrayList<>();
        List<Expression> items = arguments instanceof TupleExpression t ? t.getExpressions() : List.of(arguments);
        for (Expression e : items) {
            if (e instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (!(entry.getKeyExpression() instanceof ConstantExpression k) || !(k.getValue() instanceof String key)) {
                        problems.add(where + ": a computed argument name " + entry.getKeyExpression().getText());
                        continue;
                    }
                    if (named.put(key, entry.getValueExpression()) != null) {
                        problems.add(where + ": " + key + " is given twice (the first is lost)");
                    }
                }
            } else if (e instanceof ClosureExpression) {
                problems.add(where + ": takes no block");
            } else {
                positional.add(e);
            }
        }
        Map<String, Class<?>> properties = ViewChecker.boundProperties(type);
        List<String> required = requiredParameters(type);
        if (!positional.isEmpty()) {
            if (!named.isEmpty() || positional.size() > 1) {
                problems.add(where + ": all arguments have to be named");
                return problems;
            }
            if (required.size() != 1) {
                problems.add(where + ": arguments to " + type.getName() + " have to be explicitly named");
                return problems;
            }
            named.put(required.get(0), positional.get(0));
        }
        Set<String> unknown = new LinkedHashSet<>(named.keySet());
        unknown.removeAll(properties.keySet());
        if (!unknown.isEmpty()) {
            problems.add(where + ": Unknown parameter(s) found for class type '" + type.getName() + "': "
                    + String.join(",", unknown) + " (known: " + properties.keySet() + ")");
        }
        if (requireAll) {
            for (String r : required) {
                if (!named.containsKey(r)) {
                    problems.add(where + ": the required parameter " + r + " of " + type.getSimpleName() + " is missing");
                }
            }
        }
        for (Map.Entry<String, Expression> a : named.entrySet()) {
            Class<?> target = properties.get(a.getKey());
            if (target != null) {
                problems.addAll(coerce(where + ": " + a.getKey(), target, a.getValue()));
            }
        }
        return problems;
    }

    static List<String> requiredParameters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        return names;
    }

    /** {@code DescribableModel.coerce} of one value to the parameter's type. */
    List<String> coerce(String where, Class<?> target, Expression e) {
        List<String> problems = new ArrayList<>();
        Class<?> boxed = boxed(target);
        if (e instanceof MethodCallExpression call && call.isImplicitThis() && symbols.containsKey(call.getMethodAsString())) {
            Class<?> symbolClass = symbols.get(call.getMethodAsString());
            if (!target.isAssignableFrom(symbolClass)) {
                problems.add(where + " expects " + target.getName() + " but " + call.getMethodAsString() + "() makes a "
                        + symbolClass.getName());
            }
            // Its own arguments are checked when the visitor reaches the nested call.
            return problems;
        }
        if (e instanceof MethodCallExpression call && call.isImplicitThis()) {
            problems.add(where + ": no known implementation of " + target.getName() + " is using symbol ‘"
                    + call.getMethodAsString() + "’ (known: " + symbols.keySet() + ")");
            return problems;
        }
        if (e instanceof MapExpression map) {
            Map<String, Expression> m = new LinkedHashMap<>();
            for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                m.put(entry.getKeyExpression().getText(), entry.getValueExpression());
            }
            Expression clazz = m.get("$class");
            Class<?> resolved = clazz == null ? null : byClassName(clazz.getText());
            if (resolved == null || !target.isAssignableFrom(resolved)) {
                problems.add(where + ": must specify $class with an implementation of " + target.getName());
                return problems;
            }
            MapExpression rest = new MapExpression();
            map.getMapEntryExpressions().stream().filter(x -> !x.getKeyExpression().getText().equals("$class"))
                    .forEach(rest::addMapEntryExpression);
            problems.addAll(checkCall(where + " [$class: " + resolved.getSimpleName() + "]", resolved,
                    new TupleExpression(rest), true));
            return problems;
        }
        Object value = literal(e);
        if (value == DYNAMIC) {
            return problems;
        }
        if (value == RUNTIME_STRING) {
            if (boxed != String.class && boxed != Object.class && !Number.class.isAssignableFrom(boxed) && boxed != Boolean.class) {
                problems.add(where + " expects " + target + " but received a GString");
            }
            return problems;
        }
        if (value == null) {
            if (target.isPrimitive()) {
                problems.add(where + ": null for the primitive " + target.getName());
            }
            return problems;
        }
        if (boxed.isInstance(value) || numericWidening(value, boxed)) {
            return problems;
        }
        if (value instanceof String s) {
            if (Number.class.isAssignableFrom(boxed)) {
                try {
                    Long.parseLong(s.strip());
                    return problems;
                } catch (NumberFormatException x) {
                    problems.add(where + " expects " + target + " but was unable to coerce the received value \"" + s
                            + "\" to that type");
                    return problems;
                }
            }
            if (boxed == Boolean.class) {
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    problems.add(where + ": Boolean.valueOf(\"" + s + "\") is false, whatever was meant; write true or false");
                }
                return problems;
            }
            if (target.isEnum()) {
                for (Object c : target.getEnumConstants()) {
                    if (((Enum<?>) c).name().equals(s)) {
                        return problems;
                    }
                }
                problems.add(where + ": no constant " + s + " in " + target.getName());
                return problems;
            }
        }
        problems.add(where + " expects " + target + " but received " + value.getClass());
        return problems;
    }

    private Class<?> byClassName(String name) {
        for (Class<?> c : symbols.values()) {
            if (c.getName().equals(name) || c.getSimpleName().equals(name)) {
                return c;
            }
        }
        for (Class<?> c : steps.values()) {
            if (c.getName().equals(name) || c.getSimpleName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static boolean numericWidening(Object value, Class<?> boxed) {
        return value instanceof Integer && (boxed == Long.class || boxed == Double.class || boxed == Float.class);
    }

    /** The value of a literal expression, or DYNAMIC. */
    static Object literal(Expression e) {
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof GStringExpression) {
            return RUNTIME_STRING;
        }
        if (e instanceof UnaryMinusExpression u && u.getExpression() instanceof ConstantExpression c && c.getValue() instanceof Integer i) {
            return -i;
        }
        if (e instanceof ListExpression) {
            return new ArrayList<>();
        }
        return DYNAMIC;
    }

    static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName().toLowerCase(Locale.ROOT)) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> c;
        };
    }
}
