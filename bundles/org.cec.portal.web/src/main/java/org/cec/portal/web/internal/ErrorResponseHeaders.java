package org.cec.portal.web.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Gives the responses Jetty writes itself, before any servlet or preprocessor runs (a malformed
 * request line or path, 414, 431), the security headers {@link SecurityHeaders} is configured with:
 * one configuration for every response.
 *
 * <p>Felix HTTP exposes its Jetty server only to {@link ConnectorFactory} services. This one wraps the
 * server's error handler, and gives Felix the connector it asks for as an in-memory {@link
 * LocalConnector}, which accepts nothing from the network. When {@link SecurityHeaders} is
 * reconfigured this component is activated anew and wraps the handler with the new headers.
 */
// Registered only once Felix HTTP runs (its HttpServiceRuntime is there): the web bundle starts before
// Felix HTTP, and a ConnectorFactory present at Jetty's start makes Felix 1.1 fail, because it reads its
// endpoint property off every connector and expects each to be a ServerConnector.
@Component(
        service = ConnectorFactory.class,
        reference = @Reference(name = "httpRuntime", service = HttpServiceRuntime.class))
public final class ErrorResponseHeaders implements ConnectorFactory {

    private final SecurityHeaders headers;
    private final List<Server> servers = new CopyOnWriteArrayList<>();

    @Activate
    public ErrorResponseHeaders(@Reference SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    public Connector createConnector(Server server) {
        Request.Handler current = server.getErrorHandler();
        Request.Handler delegate =
                current instanceof WithHeaders ours ? ours.delegate : current == null ? new ErrorHandler() : current;
        server.setErrorHandler(new WithHeaders(delegate, headers));
        servers.add(server);
        return new LocalConnector(server);
    }

    @Deactivate
    void deactivate() {
        for (Server server : servers) {
            if (server.getErrorHandler() instanceof WithHeaders ours && ours.headers == headers) {
                server.setErrorHandler(ours.delegate);
            }
        }
        servers.clear();
    }

    /** An error handler that adds the security headers, then lets Jetty's handler write the page. */
    private static final class WithHeaders implements Request.Handler {
        private final Request.Handler delegate;
        private final SecurityHeaders headers;

        WithHeaders(Request.Handler delegate, SecurityHeaders headers) {
            this.delegate = delegate;
            this.headers = headers;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HttpFields.Mutable fields = response.getHeaders();
            headers.headers(request.isSecure()).forEach(fields::put);
            return delegate.handle(request, response, callback);
        }

        @Override
        public InvocationType getInvocationType() {
            return delegate.getInvocationType();
        }
    }
}
