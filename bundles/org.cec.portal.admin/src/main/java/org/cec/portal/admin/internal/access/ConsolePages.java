package org.cec.portal.admin.internal.access;

import jakarta.servlet.Servlet;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.api.staff.ConsoleRoles;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Which roles may open which console page. A page is named by its label, the first segment of the
 * path below the console's root ({@code /system/console/<label>/...}). Plugins registered as
 * servlets (the portal's and partners') declare their roles with {@link ConsoleRoles#PROPERTY}; the
 * console's own pages (bundles, configuration, components, logs...) are named in this component's
 * configuration. Whatever declares nothing is for {@code admin} only.
 */
@Component(service = ConsolePages.class, configurationPid = ConsolePages.PID)
@Designate(ocd = ConsolePages.Config.class)
public final class ConsolePages {

    /** The configuration PID. */
    public static final String PID = "org.cec.portal.admin.console.pages";

    /** Paths every signed-in staff member may request: the console's static resources, its sign-out. */
    private static final Set<String> OPEN = Set.of("res", "logout");

    @ObjectClassDefinition(
            name = "CEC Portal: console pages by role",
            description = "Which roles besides admin may open the Web Console's own pages (the portal's and"
                    + " partners' pages declare theirs with the service property cec.console.roles).")
    public @interface Config {
        @AttributeDefinition(
                name = "Console pages",
                description = "label=role[,role...] for the console's own pages, such as bundles=partner-manager."
                        + " A page not named here (and without cec.console.roles) is for admin only.")
        String[] framework_pages() default {"bundles=partner-manager", "configMgr=partner-manager"};
    }

    /** The plugins that declared roles, by service id. */
    private final Map<Long, Declared> plugins = new ConcurrentHashMap<>();

    private volatile Map<String, Set<String>> frameworkPages;

    private record Declared(String label, Set<String> roles) {}

    @Activate
    public ConsolePages(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Map<String, Set<String>> pages = new HashMap<>();
        for (String entry : config.framework_pages()) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                Set<String> roles = new HashSet<>();
                for (String r : entry.substring(eq + 1).split(",")) {
                    if (ConsoleRoles.ALL.contains(r.strip())) {
                        roles.add(r.strip());
                    }
                }
                pages.put(entry.substring(0, eq).strip(), Set.copyOf(roles));
            }
        }
        this.frameworkPages = Map.copyOf(pages);
    }

    @Reference(
            service = Servlet.class,
            target = "(felix.webconsole.label=*)",
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addPlugin(ServiceReference<Servlet> ref) {
        Object label = ref.getProperty("felix.webconsole.label");
        if (label instanceof String l) {
            plugins.put(
                    (Long) ref.getProperty("service.id"),
                    new Declared(l, roles(ref.getProperty(ConsoleRoles.PROPERTY))));
        }
    }

    void removePlugin(ServiceReference<Servlet> ref) {
        plugins.remove((Long) ref.getProperty("service.id"));
    }

    void updatedPlugin(ServiceReference<Servlet> ref) {
        addPlugin(ref);
    }

    /** Whether {@code account} may open the console page {@code label}. */
    public boolean allows(Account account, String label) {
        return allows(account.roles(), label);
    }

    /** Whether a staff member with {@code roles} may open the console page {@code label}. */
    public boolean allows(Set<String> roles, String label) {
        if (roles.contains(ConsoleRoles.ADMIN) || OPEN.contains(label)) {
            return true;
        }
        for (String role : rolesOf(label)) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The roles besides admin that may open {@code label}: those of this component's configuration,
     * and those that every plugin of that label declares. When two plugins register the same label
     * (a partner's plugin taking the label of a portal page, say), only the roles both declare count,
     * so a second registration can never open a page to more roles.
     */
    public Set<String> rolesOf(String label) {
        Set<String> declared = null;
        for (Declared d : plugins.values()) {
            if (d.label().equals(label)) {
                if (declared == null) {
                    declared = new HashSet<>(d.roles());
                } else {
                    declared.retainAll(d.roles());
                }
            }
        }
        Set<String> roles = new HashSet<>(frameworkPages.getOrDefault(label, Set.of()));
        if (declared != null) {
            roles.addAll(declared);
        }
        return roles;
    }

    /** The first page (by label) that {@code account} may open, for a console root it may not. */
    public Optional<String> firstAllowed(Account account) {
        TreeMap<String, Boolean> labels = new TreeMap<>();
        frameworkPages.keySet().forEach(l -> labels.put(l, true));
        plugins.values().forEach(d -> labels.put(d.label(), true));
        return labels.keySet().stream().filter(l -> allows(account, l)).findFirst();
    }

    private static Set<String> roles(Object property) {
        Collection<?> values;
        if (property instanceof String s) {
            values = List.of(s.split(","));
        } else if (property instanceof String[] a) {
            values = Arrays.asList(a);
        } else if (property instanceof Collection<?> c) {
            values = c;
        } else {
            return Set.of();
        }
        Set<String> roles = new HashSet<>();
        for (Object v : values) {
            String r = String.valueOf(v).strip();
            if (ConsoleRoles.ALL.contains(r)) {
                roles.add(r);
            }
        }
        return Set.copyOf(roles);
    }

    /**
     * The label of a console request: the first segment below {@code root}, or empty for the root
     * itself.
     */
    public static String label(String requestUri, String root) {
        if (requestUri == null || !requestUri.startsWith(root)) {
            return "";
        }
        String rest = requestUri.substring(root.length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int slash = rest.indexOf('/');
        String label = slash < 0 ? rest : rest.substring(0, slash);
        int dot = label.indexOf('.');
        // bundles.json is the bundles page's data
        return dot > 0 ? label.substring(0, dot) : label;
    }
}
