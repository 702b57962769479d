package org.cec.portal.admin.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.Servlet;
import java.lang.annotation.Annotation;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

class ConsolePagesTest {

    private static long ids = 1;

    private final ConsolePages pages = new ConsolePages(new ConsolePages.Config() {
        @Override
        public String[] framework_pages() {
            return new String[] {"bundles=partner-manager", "configMgr=partner-manager,nonsense"};
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return ConsolePages.Config.class;
        }
    });

    private static Account account(String... roles) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Account("ana", Set.of(roles), false, false, true, 10, now, now);
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<Servlet> plugin(String label, Object roles) {
        ServiceReference<Servlet> ref = mock(ServiceReference.class);
        when(ref.getProperty("felix.webconsole.label")).thenReturn(label);
        when(ref.getProperty("service.id")).thenReturn(ids++);
        when(ref.getProperty("cec.console.roles")).thenReturn(roles);
        return ref;
    }

    @Test
    void aPageIsForTheRolesItDeclaresAndAdminAnUndeclaredOneForAdminOnly() {
        pages.addPlugin(plugin("requests", "staff"));
        pages.addPlugin(plugin("analytics", new String[] {"analyst", "staff"}));
        pages.addPlugin(plugin("events", null));
        assertTrue(pages.allows(account("staff"), "requests"));
        assertFalse(pages.allows(account("analyst"), "requests"));
        assertTrue(pages.allows(account("analyst"), "analytics"));
        assertFalse(pages.allows(account("staff", "analyst", "partner-manager"), "events"));
        assertTrue(pages.allows(account("admin"), "events"));
        assertTrue(pages.allows(account("partner-manager"), "configMgr"));
        assertEquals(Set.of("partner-manager"), pages.rolesOf("configMgr"), "an unknown role is ignored");
        assertTrue(pages.allows(account("analyst"), "res"), "the console's static resources");
        assertEquals(Optional.of("analytics"), pages.firstAllowed(account("analyst")));
        assertEquals(Optional.empty(), pages.firstAllowed(account()));
    }

    @Test
    void aSecondPluginOfTheSameLabelCannotOpenThePageToMoreRoles() {
        pages.addPlugin(plugin("staff", null));
        ServiceReference<Servlet> squatter = plugin("staff", "staff");
        pages.addPlugin(squatter);
        assertFalse(pages.allows(account("staff"), "staff"));
        pages.addPlugin(plugin("consent", "staff"));
        pages.addPlugin(plugin("consent", "staff,analyst"));
        assertEquals(Set.of("staff"), pages.rolesOf("consent"));
        pages.removePlugin(squatter);
        assertFalse(pages.allows(account("staff"), "staff"));
    }

    @Test
    void theLabelIsTheFirstSegmentBelowTheRoot() {
        assertEquals("bundles", ConsolePages.label("/system/console/bundles/12", "/system/console"));
        assertEquals("bundles", ConsolePages.label("/system/console/bundles.json", "/system/console"));
        assertEquals("", ConsolePages.label("/system/console/", "/system/console"));
        assertEquals("", ConsolePages.label("/elsewhere", "/system/console"));
    }
}
