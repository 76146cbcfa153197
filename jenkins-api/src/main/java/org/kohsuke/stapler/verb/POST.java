package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of Stapler 1903.1905.ve5a_f469356f0 {@code verb.POST}. The real one also carries
 * {@code @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = Stage.SELECTION)}, which
 * Stapler reads from the real class at run time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
