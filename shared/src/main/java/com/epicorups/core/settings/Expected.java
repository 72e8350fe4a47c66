package com.epicorups.core.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a settings value must be, in the words of its "must be ..." problem when its JSON type is wrong
 * ({@code a JSON array of Epicor ShipViaCode values}); without it the reader says "a JSON object" or "a JSON array".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Expected {
    String value();
}
