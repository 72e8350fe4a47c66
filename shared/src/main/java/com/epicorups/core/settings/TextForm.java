package com.epicorups.core.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the static {@code (String) -> record} factory of a settings record that may also be written as a string
 * ({@code "labelStockSize": "4x6"} for {@code {"width": "4", "height": "6"}}). The factory throws
 * IllegalArgumentException with the rest of the sentence ({@code must be like "4x6" ...}) for a malformed string.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TextForm {
}
