package org.cec.portal.config.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What is wrong with a bundle, in words an operator can act on: the requirements no installed
 * bundle provides, the components that failed to activate (with the exception's first line) and
 * those that still wait for a service. Reads the framework's wiring and SCR's runtime view; changes
 * nothing.
 */
final class BundleProblems {

    /** A component of a bundle that is not active: failed to activate, or waiting for references. */
    record ComponentProblem(String component, boolean failed, String reason) {}

    /** The framework property in which the launcher names the last start level it climbs to. */
    static final String LAST_LEVEL = "cec.launcher.last.level";

    private static final int MAX_REASON = 300;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    BundleProblems(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /**
     * Why the bundle is not resolved ("missing osgi.wiring.package (osgi.wiring.package=x.y)"), or
     * null when it is resolved, a fragment, or was never asked to start.
     */
    String unresolved(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED) {
            return null;
        }
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null || (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return null;
        }
        FrameworkWiring wiring =
                context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if (optional(requirement)) {
                continue;
            }
            Collection<BundleCapability> providers = wiring.findProviders(requirement);
            if (providers.isEmpty()) {
                missing.add(describe(requirement));
            }
        }
        if (missing.isEmpty()) {
            return "it cannot be resolved although every requirement has a provider (a uses conflict:"
                    + " see the bundle in the console)";
        }
        return "nothing provides " + String.join("; ", missing);
    }

    /** The components of the bundle that failed to activate or wait for a mandatory service. */
    List<ComponentProblem> components(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return List.of();
        }
        List<ComponentProblem> result = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    result.add(new ComponentProblem(d.name, true, firstLine(c.failure)));
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    String waiting = java.util.Arrays.stream(c.unsatisfiedReferences)
                            .map(r -> describe(d, r))
                            .collect(Collectors.joining(", "));
                    result.add(new ComponentProblem(d.name, false, waiting));
                }
            }
        }
        return result;
    }

    /** Names of the bundle's components that have no problem now (so a later problem is logged again). */
    List<String> healthyComponents(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            boolean healthy = scr.getComponentConfigurationDTOs(d).stream()
                    .noneMatch(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                            || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
            if (healthy) {
                names.add(d.name);
            }
        }
        return names;
    }

    /**
     * True when the framework has climbed to the portal's last start level (the launcher's
     * {@code cec.launcher.last.level}, else the beginning start level): the portal's start is over.
     */
    static boolean portalStarted(BundleContext context) {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (framework.getState() != Bundle.ACTIVE) {
            return false;
        }
        String last = context.getProperty(LAST_LEVEL);
        if (last == null) {
            last = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        }
        try {
            return last != null
                    && framework.adapt(FrameworkStartLevel.class).getStartLevel() >= Integer.parseInt(last.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The location without the folders above {@code deploy/} or {@code bundle/}, for a short log line. */
    static String shortLocation(Bundle bundle) {
        String location = bundle.getLocation();
        int slash = location.lastIndexOf('/');
        int folder = slash > 0 ? location.lastIndexOf('/', slash - 1) : -1;
        return folder >= 0 ? location.substring(folder + 1) : location;
    }

    /** An exception as one short line: its class and message, and its cause's. */
    static String oneLine(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        StringBuilder line = new StringBuilder(t.toString());
        if (t.getCause() != null && t.getCause() != t) {
            line.append(" (caused by ").append(t.getCause()).append(')');
        }
        return limit(line.toString());
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        // SCR's failure text is the stack trace: the activation method's exception is its "Caused by"
        // when SCR wrapped it, else its first line.
        String[] lines = failure.split("\\R");
        String reason = lines[0].trim();
        for (String l : lines) {
            if (l.startsWith("Caused by: ")) {
                reason = l.substring("Caused by: ".length()).trim();
            }
        }
        return limit(reason);
    }

    /** True for a requirement that does not keep the bundle from resolving (optional, or not effective at resolve). */
    private static boolean optional(BundleRequirement requirement) {
        java.util.Map<String, String> directives = requirement.getDirectives();
        if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
            return true;
        }
        return !Namespace.EFFECTIVE_RESOLVE.equals(
                directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE));
    }

    private static String describe(BundleRequirement requirement) {
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        return requirement.getNamespace() + (filter == null ? "" : " " + filter);
    }

    private static String describe(ComponentDescriptionDTO component, UnsatisfiedReferenceDTO reference) {
        String type = java.util.Arrays.stream(component.references)
                .filter(r -> r.name.equals(reference.name))
                .map(r -> r.interfaceName)
                .findFirst()
                .orElse(reference.name);
        return "service " + type + (reference.target == null ? "" : " " + reference.target);
    }

    private static String limit(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
