package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

class ErrorResponseHeadersTest {

    @Test
    void jettysOwnErrorResponsesCarryTheConfiguredHeadersUntilDeactivated() throws Exception {
        Server server = new Server();
        LocalConnector network = new LocalConnector(server);
        server.addConnector(network);
        ErrorResponseHeaders errors =
                new ErrorResponseHeaders(new SecurityHeaders(SecurityHeadersTest.config("default-src 'none'")));
        server.start();
        try {
            Request.Handler jettys = server.getErrorHandler();
            // as Felix does: the factory is called once the server runs, and its connector added
            server.addConnector(errors.createConnector(server));
            // no Host header: Jetty answers 400 itself
            HttpTester.Response bad = HttpTester.parseResponse(network.getResponse("GET / HTTP/1.1\r\n\r\n"));
            assertEquals(400, bad.getStatus());
            assertEquals("default-src 'none'", bad.get("Content-Security-Policy"));
            assertEquals("no-referrer", bad.get("Referrer-Policy"));
            assertEquals("nosniff", bad.get("X-Content-Type-Options"));
            assertNull(bad.get("Strict-Transport-Security"), "HSTS only over HTTPS");

            errors.deactivate();
            assertSame(jettys, server.getErrorHandler(), "Jetty's own handler is back");
            HttpTester.Response after = HttpTester.parseResponse(network.getResponse("GET / HTTP/1.1\r\n\r\n"));
            assertEquals(400, after.getStatus());
            assertNull(after.get("Content-Security-Policy"));
        } finally {
            server.stop();
        }
    }
}
