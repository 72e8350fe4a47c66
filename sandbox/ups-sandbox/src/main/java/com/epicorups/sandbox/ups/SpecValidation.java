package com.epicorups.sandbox.ups;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.epicorups.sandbox.ups.spec.UpsSpec;
import com.epicorups.sandbox.ups.spec.UpsSpecs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates a received request against the official UPS spec for its path. */
final class SpecValidation {

    private SpecValidation() {
    }

    /** Error messages; empty when the request conforms (or no spec covers the path). */
    static List<String> validate(HttpCall call) {
        Optional<UpsSpec> spec = UpsSpec.forPath(call.path());
        if (spec.isEmpty()) {
            return List.of();
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(call.method(), call.path());
        for (Map.Entry<String, List<String>> header : call.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        call.query().forEach(builder::withQueryParam);
        if (!call.body().isEmpty()) {
            builder.withBody(call.body());
        }
        Request request = builder.build();
        return errors(UpsSpecs.validator(spec.get()).validateRequest(request));
    }

    /** Checks the sandbox's own answer against the response schema of the path (a self-check of realism). */
    static List<String> validateResponse(HttpCall call, int status, String json) {
        Optional<UpsSpec> spec = UpsSpec.forPath(call.path());
        if (spec.isEmpty()) {
            return List.of();
        }
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(json).build();
        return errors(UpsSpecs.validator(spec.get())
                .validateResponse(call.path(), Request.Method.valueOf(call.method()), response));
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
