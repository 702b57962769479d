package org.cec.portal.plugintest;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link PortalTest}: starts one {@link Portal} per test class (from {@link
 * PortalSettings#fromSystemProperties()}), stops it after the class, and resolves the parameters
 * {@link Portal}, {@link PortalClient} (a new visitor for each) and {@link ConsoleCredentials}.
 */
public final class PortalExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PortalExtension.class);

    /** Closes the portal when JUnit closes the class's store. */
    private record Running(Portal portal) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            portal.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String name = context.getRequiredTestClass().getSimpleName();
        context.getStore(NAMESPACE)
                .put(Running.class, new Running(Portal.start(PortalSettings.fromSystemProperties(), name)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Portal.class || type == PortalClient.class || type == ConsoleCredentials.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(Running.class, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("No portal is running for " + context.getDisplayName());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Portal.class) {
            return running.portal();
        }
        if (type == PortalClient.class) {
            return running.portal().newVisitor();
        }
        try {
            return running.portal().console();
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("The console sign-in failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterResolutionException("Interrupted while signing in to the console", e);
        }
    }
}
