package io.jenkins.plugins.magentodmt.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The binding tests mean something only if Stapler's own classes do the work: jenkins-api declares stub copies of
 * some org.kohsuke.stapler annotations under the same names, and the pom puts the real Stapler first.
 */
class StaplerClasspathTest {

    static Stream<String> staplerClassesAlsoStubbed() {
        return Stream.of("org.kohsuke.stapler.DataBoundConstructor", "org.kohsuke.stapler.DataBoundSetter",
                "org.kohsuke.stapler.QueryParameter", "org.kohsuke.stapler.AncestorInPath",
                "org.kohsuke.stapler.verb.POST", "org.kohsuke.stapler.interceptor.RequirePOST",
                "org.kohsuke.stapler.RequestImpl", "net.sf.json.JSONObject");
    }

    @ParameterizedTest
    @MethodSource("staplerClassesAlsoStubbed")
    void theRealStaplerAndJsonLibWin(String className) throws ClassNotFoundException {
        Class<?> c = Class.forName(className, false, getClass().getClassLoader());
        String where = c.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(where.contains("/stapler-1.263.jar") || where.contains("/json-lib-2.1-rev6.jar"),
                className + " comes from " + where + ", not from the real Stapler/json-lib: fix the dependency order");
    }

    /** Stapler 1.263's ASM 5 throws on Java 17 class files; without it Stapler uses its .stapler fallback. */
    @Test
    void asm5IsLeftOut() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.kohsuke.asm5.ClassReader", false, getClass().getClassLoader()));
    }

    /** What Stapler 1903.x reads by reflection; the plugin must be compiled with -parameters. */
    @Test
    void constructorParameterNamesAreCompiledIn() {
        String[] required = {"host", "credentialsId", "magentoRoot"};
        assertArrayEquals(new String[] {"upgrade"}, StaplerForms.constructorParameterNames(MagentoDmtUpgradeBuilder.class));
        assertArrayEquals(required, StaplerForms.constructorParameterNames(MagentoDmtUpgradeStep.class));
        assertArrayEquals(new String[] {"key"}, StaplerForms.constructorParameterNames(ManuallyProvidedKeyVerification.class));
    }
}
