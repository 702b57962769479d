package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.resource.Requirement;

class MissingRequirementsTest {

    private static Requirement requirement(String namespace, String filter) {
        Requirement r = mock(Requirement.class);
        when(r.getNamespace()).thenReturn(namespace);
        when(r.getDirectives()).thenReturn(Map.of("filter", filter));
        return r;
    }

    @Test
    void aMissingPackageIsNamedWithItsVersions() {
        assertEquals(
                "package org.example.missing, version 1.0.0 to below 2.0.0",
                MissingRequirements.describe(requirement(
                        "osgi.wiring.package",
                        "(&(osgi.wiring.package=org.example.missing)(version>=1.0.0)(!(version>=2.0.0)))")));
        assertEquals(
                "package org.example.any",
                MissingRequirements.describe(
                        requirement("osgi.wiring.package", "(osgi.wiring.package=org.example.any)")));
        assertEquals(
                "bundle org.example.lib, version 2.1.0 or later",
                MissingRequirements.describe(requirement(
                        "osgi.wiring.bundle", "(&(osgi.wiring.bundle=org.example.lib)(bundle-version>=2.1.0))")));
    }

    @Test
    void anotherNamespaceIsShownWithItsFilter() {
        assertEquals(
                "osgi.service (objectClass=org.example.Missing)",
                MissingRequirements.describe(requirement("osgi.service", "(objectClass=org.example.Missing)")));
    }
}
