package org.cec.portal.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /health}: the portal's health checks (the same the Web Console shows) as JSON, with the
 * overall status; 200 when the portal is healthy (OK or WARN), 503 when it is not.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/health")
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HealthCheckExecutor executor;

    @Activate
    public HealthServlet(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(PortalHealth.TAG));
        Result.Status overall = Result.Status.OK;
        StringBuilder checks = new StringBuilder();
        for (HealthCheckExecutionResult r : results) {
            Result result = r.getHealthCheckResult();
            if (result.getStatus().ordinal() > overall.ordinal()) {
                overall = result.getStatus();
            }
            if (checks.length() > 0) {
                checks.append(',');
            }
            checks.append("{\"name\":")
                    .append(Json.string(r.getHealthCheckMetadata().getName()));
            checks.append(",\"status\":").append(Json.string(result.getStatus().name()));
            checks.append(",\"timedOut\":").append(r.hasTimedOut());
            checks.append(",\"elapsedMs\":").append(r.getElapsedTimeInMs());
            checks.append(",\"messages\":[");
            boolean first = true;
            for (ResultLog.Entry entry : result) {
                if (entry.isDebug()) {
                    continue;
                }
                if (!first) {
                    checks.append(',');
                }
                first = false;
                checks.append("{\"status\":")
                        .append(Json.string(entry.getStatus().name()));
                checks.append(",\"message\":")
                        .append(Json.string(entry.getMessage()))
                        .append('}');
            }
            checks.append("]}");
        }
        boolean healthy = overall == Result.Status.OK || overall == Result.Status.WARN;
        String body = "{\"status\":" + Json.string(overall.name()) + ",\"checks\":[" + checks + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(healthy ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
