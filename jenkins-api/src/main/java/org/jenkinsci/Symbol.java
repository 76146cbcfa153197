package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

/**
 * Stub of symbol-annotation 1.24 {@code Symbol}. Jenkins finds symbols through
 * {@code META-INF/services/annotations/org.jenkinsci.Symbol}, which annotation-indexer's processor
 * writes; that processor is not on Maven Central, so a plugin must provide the index file itself.
 */
@Indexed
@Retention(RUNTIME)
@Target({TYPE})
@Documented
public @interface Symbol {
    String[] value();
}
