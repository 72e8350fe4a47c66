package com.epicorups.testing.aws;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(AwsEmulatorExtension.class)}: injects the JVM's {@link AwsEmulator} and, per test
 * class, one {@link ProvisionedResources} (fresh tables, queues, secrets and bucket from template.yaml)
 * into constructors, lifecycle methods and test methods.
 */
public final class AwsEmulatorExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AwsEmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsEmulator.class || type == ProvisionedResources.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == AwsEmulator.class) {
            return AwsEmulator.get();
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ProvisionedResources.class, k -> AwsEmulator.get().provision(),
                        ProvisionedResources.class);
    }
}
