package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of Stapler 1903.1905.ve5a_f469356f0 {@code QueryParameter}. The real one also carries
 * {@code @InjectedParameter(HandlerImpl.class)}; that meta-annotation is read from the real class at
 * run time, so the stub leaves it out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
