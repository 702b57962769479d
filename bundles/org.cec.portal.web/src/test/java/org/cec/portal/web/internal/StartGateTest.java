package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.PreprocessorDTO;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

class StartGateTest {

    private static final long HEALTH = 41;
    private static final long HEADERS = 42;

    /** A whiteboard whose runtime lists what {@link #serve} put there. */
    private final AtomicReference<RuntimeDTO> listed = new AtomicReference<>(new RuntimeDTO());

    private final HttpServiceRuntime runtime = new HttpServiceRuntime() {
        @Override
        public RuntimeDTO getRuntimeDTO() {
            return listed.get();
        }

        @Override
        public RequestInfoDTO calculateRequestInfoDTO(String path) {
            return new RequestInfoDTO();
        }
    };

    private void serve(boolean health, boolean headers) {
        RuntimeDTO dto = new RuntimeDTO();
        ServletContextDTO context = new ServletContextDTO();
        ServletDTO servlet = new ServletDTO();
        servlet.serviceId = health ? HEALTH : 7;
        context.servletDTOs = new ServletDTO[] {servlet};
        dto.servletContextDTOs = new ServletContextDTO[] {context};
        PreprocessorDTO preprocessor = new PreprocessorDTO();
        preprocessor.serviceId = headers ? HEADERS : 8;
        dto.preprocessorDTOs = new PreprocessorDTO[] {preprocessor};
        listed.set(dto);
    }

    @Test
    void aRequestWaitsUntilHealthAndTheSecurityHeadersAreBothServed() throws Exception {
        StartGate gate = new StartGate(HEALTH, HEADERS, 30_000);
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> gate.customize(null, null));
        Thread.sleep(100);
        assertFalse(request.isDone(), "held while Felix HTTP has no runtime yet");

        gate.useRuntime(runtime);
        serve(true, false);
        Thread.sleep(100);
        assertFalse(request.isDone(), "held while the security headers are not registered");

        serve(true, true);
        request.get(5, TimeUnit.SECONDS);
        // Open for good: later requests never look at the runtime again.
        listed.set(new RuntimeDTO());
        CompletableFuture.runAsync(() -> gate.customize(null, null)).get(1, TimeUnit.SECONDS);
    }

    @Test
    void aGateWhoseHealthNeverAppearsOpensAfterItsBound() throws Exception {
        StartGate gate = new StartGate(HEALTH, HEADERS, 200);
        gate.useRuntime(runtime);
        long started = System.nanoTime();
        CompletableFuture.runAsync(() -> gate.customize(null, null)).get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200), "held for its bound");
    }
}
