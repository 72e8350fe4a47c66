package com.epicorups.config;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import java.util.List;

/**
 * The connector's configuration is missing or malformed. Thrown at start, naming every problem at once, so
 * one deployment fixes all of them. Permanent: nothing succeeds until someone changes the configuration.
 */
public class ConfigException extends ConnectorException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(Reason.CONFIG_INVALID, message(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem, Throwable cause) {
        super(Reason.CONFIG_INVALID, message(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** One sentence per problem, each naming the setting and what it should be. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        return "Invalid configuration (" + problems.size() + " problems):\n - " + String.join("\n - ", problems);
    }
}
