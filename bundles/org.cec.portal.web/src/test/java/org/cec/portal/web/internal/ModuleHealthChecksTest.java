package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The module checks, and which components the start waits for ({@link Readiness#activating}). */
class ModuleHealthChecksTest {

    private static ComponentDescriptionDTO component(boolean immediate) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "DemoData";
        d.immediate = immediate;
        return d;
    }

    private static ComponentConfigurationDTO in(int state) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return c;
    }

    private static Result.Status status(int state) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getState()).thenReturn(Bundle.ACTIVE);
        when(bundle.getSymbolicName()).thenReturn("org.cec.portal.directory");
        when(bundle.getVersion()).thenReturn(Version.emptyVersion);
        ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);
        ComponentDescriptionDTO d = component(true);
        when(scr.getComponentDescriptionDTOs(bundle)).thenReturn(List.of(d));
        when(scr.isComponentEnabled(any())).thenReturn(true);
        when(scr.getComponentConfigurationDTOs(d)).thenReturn(List.of(in(state)));
        return new ModuleHealthChecks.ModuleCheck(bundle, scr, null).execute().getStatus();
    }

    @Test
    void aFailedActivationIsCriticalAMissingReferenceAWarningAndActiveOrActivatingOk() {
        assertEquals(Result.Status.CRITICAL, status(ComponentConfigurationDTO.FAILED_ACTIVATION));
        assertEquals(Result.Status.WARN, status(ComponentConfigurationDTO.UNSATISFIED_REFERENCE));
        assertEquals(Result.Status.OK, status(ComponentConfigurationDTO.ACTIVE));
        // a module swapped at runtime that is activating keeps the node in service: only the start waits
        assertEquals(Result.Status.OK, status(ComponentConfigurationDTO.SATISFIED));
    }

    @Test
    void aFailuresStackTraceIsLeftToTheLog() {
        assertEquals(
                "java.lang.IllegalStateException: not configured",
                ModuleHealthChecks.ModuleCheck.firstLine(
                        "java.lang.IllegalStateException: not configured\n\tat org.example.A.<init>(A.java:3)\n"));
        assertEquals("", ModuleHealthChecks.ModuleCheck.firstLine(null));
    }

    @Test
    void theStartWaitsForImmediateComponentsStillActivatingNotForDelayedOnes() {
        assertTrue(Readiness.activating(component(true), in(ComponentConfigurationDTO.SATISFIED)));
        assertFalse(Readiness.activating(component(true), in(ComponentConfigurationDTO.ACTIVE)));
        assertFalse(
                Readiness.activating(component(false), in(ComponentConfigurationDTO.SATISFIED)),
                "a delayed component is activated at its first use");
        ComponentDescriptionDTO factory = component(true);
        factory.factory = "a.factory";
        assertFalse(Readiness.activating(factory, in(ComponentConfigurationDTO.SATISFIED)));
    }
}
