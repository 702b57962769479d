package org.cec.portal.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * What an unresolved bundle needs that nothing installed offers: each mandatory requirement of its
 * revision for which the framework finds no provider (a package no bundle exports, a missing bundle,
 * a service or extender nobody provides), in a few words. Asking changes nothing: no resolve is tried.
 */
final class MissingRequirements {

    /** At most this many are named: a bundle built against the wrong SDK may miss dozens. */
    static final int NAMED = 5;

    private static final Pattern LOWER = Pattern.compile("\\((?:bundle-)?version>=([^)(]+)\\)");
    private static final Pattern UPPER = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)(]+)\\)\\)");

    private final BundleContext context;

    MissingRequirements(BundleContext context) {
        this.context = context;
    }

    List<String> of(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkWiring wiring = system == null ? null : system.adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        if (revision == null || wiring == null) {
            return missing;
        }
        int more = 0;
        for (Requirement r : revision.getRequirements(null)) {
            String resolution = r.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            String effective = r.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                    || "dynamic".equals(resolution)
                    || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))
                    || !wiring.findProviders(r).isEmpty()) {
                continue;
            }
            if (missing.size() < NAMED) {
                missing.add(describe(r));
            } else {
                more++;
            }
        }
        if (more > 0) {
            missing.add("and " + more + " more");
        }
        return missing;
    }

    /** {@code package org.example.x, version 1.0.0 to below 2.0.0}, or the namespace and its filter. */
    static String describe(Requirement r) {
        String filter = r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String namespace = r.getNamespace();
        String kind =
                switch (namespace) {
                    case BundleRevision.PACKAGE_NAMESPACE -> "package";
                    case BundleRevision.BUNDLE_NAMESPACE -> "bundle";
                    default -> namespace;
                };
        Matcher name = Pattern.compile("\\(" + Pattern.quote(namespace) + "=([^)(]+)\\)")
                .matcher(filter);
        if (!name.find()) {
            return kind + " " + filter;
        }
        StringBuilder text = new StringBuilder(kind).append(' ').append(name.group(1));
        Matcher upper = UPPER.matcher(filter);
        String below = upper.find() ? upper.group(1) : null;
        Matcher lower = LOWER.matcher(upper.replaceAll(""));
        if (lower.find()) {
            text.append(", version ").append(lower.group(1));
            text.append(below == null ? " or later" : " to below " + below);
        }
        return text.toString();
    }
}
