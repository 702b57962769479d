package org.cec.portal.web.internal;

import java.util.Arrays;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;

/** The HTTP service runs, the portal context is live and no servlet, filter or resource failed to register. */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=HTTP", HealthCheck.TAGS + "=" + PortalHealth.TAG})
public final class HttpHealthCheck implements HealthCheck {

    private final HttpServiceRuntime runtime;

    @Activate
    public HttpHealthCheck(@Reference HttpServiceRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        RuntimeDTO dto = runtime.getRuntimeDTO();
        ServletContextDTO portal = Arrays.stream(dto.servletContextDTOs)
                .filter(c -> PortalWeb.CONTEXT_NAME.equals(c.name))
                .findFirst()
                .orElse(null);
        if (portal == null) {
            log.critical("The portal servlet context {} is not registered", PortalWeb.CONTEXT_NAME);
        } else {
            log.info(
                    "Portal context serves {} servlets and {} filters",
                    portal.servletDTOs.length,
                    portal.filterDTOs.length);
        }
        int failed = dto.failedServletDTOs.length
                + dto.failedFilterDTOs.length
                + dto.failedResourceDTOs.length
                + dto.failedErrorPageDTOs.length
                + dto.failedServletContextDTOs.length;
        if (failed > 0) {
            log.warn("{} whiteboard registrations failed (see the console's HTTP page)", failed);
        }
        return new Result(log);
    }
}
