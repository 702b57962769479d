package org.cec.portal.web.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffTokens;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /health}: readiness for a load balancer. 503 {@code "STARTING"} until the portal has started
 * (see {@link Readiness}), then the overall status of the portal's health checks (the same the Web
 * Console shows): 200 when OK or WARN, 503 otherwise. Anyone sees the status and each check's name and
 * status; the checks' messages (database URL, versions, reasons) only callers from the configured
 * addresses and an admin's API token ({@code Authorization: Bearer}, made on the console's Staff page);
 * admins also see them on the console's Health Check page. {@code /health/live}: 200 while the process
 * serves HTTP.
 */
// Registered only after the console's placeholder (ConsoleStartingServlet): the moment /health answers,
// /system/console answers too (503 while the console starts), never the portal's 404.
@Component(
        service = Servlet.class,
        configurationPid = HealthServlet.PID,
        reference =
                @Reference(
                        name = "consolePlaceholder",
                        service = Servlet.class,
                        target = "(component.name=org.cec.portal.web.internal.ConsoleStartingServlet)"))
@Designate(ocd = HealthServlet.Config.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({HealthServlet.PATH, HealthServlet.LIVE})
public final class HealthServlet extends HttpServlet {

    static final String PID = "org.cec.portal.web.health";
    static final String PATH = "/health";
    static final String LIVE = "/health/live";

    @ObjectClassDefinition(
            name = "CEC Portal: /health",
            description = "Who sees the health checks' messages on /health; everyone sees the status and the"
                    + " checks' names.")
    public @interface Config {
        @AttributeDefinition(
                name = "Addresses that see details",
                description = "IP addresses or CIDR ranges (10.0.0.0/8, ::1) whose requests to /health get each"
                        + " check's messages (they may name the database, paths and versions). Empty: nobody;"
                        + " admins see them on the console's Health Check page.")
        String[] details_allowedAddresses() default {};
    }

    private static final long serialVersionUID = 1L;

    private final transient Readiness readiness;
    private final transient AddressRanges detailsFrom;
    private final transient JsonProvider json = JsonProvider.provider();

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HealthCheckExecutor executor;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StaffTokens staffTokens;

    @Activate
    public HealthServlet(@Reference Readiness readiness, Config config) {
        this.readiness = readiness;
        this.detailsFrom = AddressRanges.of(config.details_allowedAddresses());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (LIVE.equals(request.getServletPath())) {
            write(
                    response,
                    HttpServletResponse.SC_OK,
                    json.createObjectBuilder().add("status", "LIVE").build());
            return;
        }
        boolean details = detailsFrom.contains(request.getRemoteAddr()) || admin(request);
        Optional<String> pending = readiness.pending();
        HealthCheckExecutor hc = executor;
        if (pending.isEmpty() && hc == null) {
            pending = Optional.of("the health check executor is not running yet");
        }
        List<HealthCheckExecutionResult> results =
                hc == null ? List.of() : hc.execute(HealthCheckSelector.tags(PortalHealth.TAG));
        Result.Status overall = Result.Status.OK;
        JsonArrayBuilder checks = json.createArrayBuilder();
        for (HealthCheckExecutionResult r : results) {
            Result result = r.getHealthCheckResult();
            if (result.getStatus().ordinal() > overall.ordinal()) {
                overall = result.getStatus();
            }
            checks.add(check(r, result, details));
        }
        boolean healthy = pending.isEmpty() && (overall == Result.Status.OK || overall == Result.Status.WARN);
        JsonObjectBuilder body =
                json.createObjectBuilder().add("status", pending.isEmpty() ? overall.name() : "STARTING");
        if (details && pending.isPresent()) {
            body.add("waitingFor", pending.get());
        }
        body.add("checks", checks);
        write(response, healthy ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body.build());
    }

    /** Whether the request carries an admin's API token (the console's admin bundle checks it). */
    private boolean admin(HttpServletRequest request) {
        StaffTokens tokens = staffTokens;
        return tokens != null
                && request.getHeader("Authorization") != null
                && tokens.holder(request)
                        .filter(m -> m.hasRole(ConsoleRoles.ADMIN))
                        .isPresent();
    }

    private JsonObjectBuilder check(HealthCheckExecutionResult r, Result result, boolean details) {
        JsonObjectBuilder check = json.createObjectBuilder()
                .add("name", r.getHealthCheckMetadata().getName())
                .add("status", result.getStatus().name());
        if (!details) {
            return check;
        }
        JsonArrayBuilder messages = json.createArrayBuilder();
        for (ResultLog.Entry entry : result) {
            if (!entry.isDebug()) {
                messages.add(json.createObjectBuilder()
                        .add("status", entry.getStatus().name())
                        .add("message", String.valueOf(entry.getMessage())));
            }
        }
        return check.add("timedOut", r.hasTimedOut())
                .add("elapsedMs", r.getElapsedTimeInMs())
                .add("messages", messages);
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
