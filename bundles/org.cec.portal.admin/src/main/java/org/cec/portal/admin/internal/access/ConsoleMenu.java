package org.cec.portal.admin.internal.access;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The console's menu lists only the pages the signed-in staff member may open: a filter in the Web
 * Console's own servlet context (which runs after its security provider named the member) hands the
 * console a request that keeps, of the menus the console puts on it ({@value #LABELS} and {@value
 * #CATEGORIZED}), the labels {@link ConsolePages} allows for the member's roles. An admin's menu is left
 * as it is. Opening a page stays decided by the security provider; this only keeps the menu honest.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)")
@HttpWhiteboardFilterPattern("/*")
public final class ConsoleMenu implements Filter {

    /** The console's menu: label to title. */
    static final String LABELS = "felix.webconsole.labelMap";

    /** The console's menu by category: category to (label to title, or a further category). */
    static final String CATEGORIZED = "felix.webconsole.labelMap.categorized";

    private final ConsolePages pages;

    @Activate
    public ConsoleMenu(@Reference ConsolePages pages) {
        this.pages = pages;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<StaffMember> member = StaffMember.of(request);
        if (member.isEmpty()
                || member.get().roles().contains(ConsoleRoles.ADMIN)
                || !(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        Set<String> roles = member.get().roles();
        chain.doFilter(
                new HttpServletRequestWrapper(http) {
                    @Override
                    public void setAttribute(String name, Object value) {
                        super.setAttribute(
                                name,
                                (LABELS.equals(name) || CATEGORIZED.equals(name)) && value instanceof Map<?, ?> menu
                                        ? allowed(menu, roles)
                                        : value);
                    }
                },
                response);
    }

    /** The entries of {@code menu} that {@code roles} may open; a category without any is left out. */
    Map<Object, Object> allowed(Map<?, ?> menu, Set<String> roles) {
        Map<Object, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : menu.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> category) {
                Map<Object, Object> inside = allowed(category, roles);
                if (!inside.isEmpty()) {
                    kept.put(e.getKey(), inside);
                }
            } else if (e.getKey() instanceof String label && pages.allows(roles, label)) {
                kept.put(label, e.getValue());
            }
        }
        return kept;
    }
}
