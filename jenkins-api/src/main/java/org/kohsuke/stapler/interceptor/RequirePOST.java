package org.kohsuke.stapler.interceptor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of Stapler 1903.1905.ve5a_f469356f0 {@code interceptor.RequirePOST}. The real one also carries
 * {@code @InterceptorAnnotation(RequirePOST.Processor.class)} (read from the real class at run time)
 * and is not {@code @Documented}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface RequirePOST {}
