package com.epicorups.sandbox.ups.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Parsed, normalised specs and their validators: loaded once per JVM, lazily per spec, and shared by
 * every sandbox instance (Shipping.yaml alone is ~600 KB and takes seconds to parse).
 */
public final class UpsSpecs {

    private static final Map<UpsSpec, OpenApiInteractionValidator> VALIDATORS = new EnumMap<>(UpsSpec.class);

    private UpsSpecs() {
    }

    public static OpenApiInteractionValidator validator(UpsSpec spec) {
        synchronized (spec) {
            OpenApiInteractionValidator validator;
            synchronized (VALIDATORS) {
                validator = VALIDATORS.get(spec);
            }
            if (validator == null) {
                validator = OpenApiInteractionValidator.createFor(load(spec))
                        .withLevelResolver(LevelResolver.create()
                                // The sandbox authenticates itself so it can answer with UPS's 401 bodies.
                                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
                synchronized (VALIDATORS) {
                    VALIDATORS.put(spec, validator);
                }
            }
            return validator;
        }
    }

    /** Loads all validators in the background so the first request of a test does not pay for parsing. */
    public static void preloadInBackground() {
        Thread loader = new Thread(() -> {
            for (UpsSpec spec : UpsSpec.values()) {
                validator(spec);
            }
        }, "ups-spec-preload");
        loader.setDaemon(true);
        loader.start();
    }

    public static OpenAPI load(UpsSpec spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(read(spec.resource()), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("Cannot parse " + spec.resource() + ": " + result.getMessages());
        }
        return UpsSpecNormalizer.normalize(result.getOpenAPI(), spec.basePath());
    }

    private static String read(String resource) {
        try (InputStream in = UpsSpecs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
