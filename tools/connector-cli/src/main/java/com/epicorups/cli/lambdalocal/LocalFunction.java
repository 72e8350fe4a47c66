package com.epicorups.cli.lambdalocal;

import com.epicorups.testing.aws.CloudFormationTemplate;
import com.epicorups.testing.aws.StackFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function of template.yaml by its two names: the module ({@code order-poller}, also its events/ sample's name)
 * and the logical ID ({@code OrderPollerFunction}, what {@code sam local invoke} takes).
 */
public record LocalFunction(String name, String logicalId) {
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/\\1\\.jar");

    /** The template's functions, in template order; each CodeUri must be functions/NAME/target/NAME.jar. */
    public static List<LocalFunction> all(Path template) {
        return StackFunction.logicalIds(template).stream().map(id -> new LocalFunction(moduleName(template, id), id))
                .toList();
    }

    /** The function named {@code nameOrLogicalId} (module name or logical ID). */
    public static LocalFunction named(Path template, String nameOrLogicalId) {
        List<LocalFunction> all = all(template);
        return all.stream().filter(f -> f.name().equals(nameOrLogicalId) || f.logicalId().equals(nameOrLogicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + nameOrLogicalId
                        + "; its functions: " + all.stream().map(LocalFunction::name).toList() + " (or their logical IDs "
                        + all.stream().map(LocalFunction::logicalId).toList() + ")"));
    }

    /** The packaged function, as template.yaml's CodeUri names it. */
    public Path jar(Path root) {
        return root.resolve("functions").resolve(name).resolve("target").resolve(name + ".jar");
    }

    /** Its sample event. */
    public Path event(Path root) {
        return root.resolve("events").resolve(name + ".json");
    }

    private static String moduleName(Path template, String logicalId) {
        String codeUri = codeUri(template, logicalId);
        Matcher m = CODE_URI.matcher(codeUri);
        if (!m.matches()) {
            throw new IllegalStateException(logicalId + "'s CodeUri " + codeUri + " is not functions/NAME/target/NAME.jar");
        }
        return m.group(1);
    }

    private static String codeUri(Path template, String logicalId) {
        // A literal in template.yaml: it needs no stack to resolve.
        return String.valueOf(CloudFormationTemplate.read(template).properties(logicalId).get("CodeUri"));
    }
}
