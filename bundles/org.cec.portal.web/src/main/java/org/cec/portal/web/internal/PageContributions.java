package org.cec.portal.web.internal;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.Configuration;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PageContribution}s registered right now, each with the templates of the bundle that
 * registered it. The layout shows the fragments they return for the current request.
 */
@Component(service = PageContributions.class)
public final class PageContributions {

    private static final Logger LOG = LoggerFactory.getLogger(PageContributions.class);

    /** One registered contribution with the template configuration of its bundle. */
    record Registered(PageContribution contribution, Configuration templates, String bundle) {}

    private final List<Registered> registered = new CopyOnWriteArrayList<>();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addContribution(PageContribution contribution, ServiceReference<PageContribution> reference) {
        Bundle bundle = reference.getBundle();
        BundleWiring wiring = bundle == null ? null : bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return;
        }
        add(contribution, Pages.newConfiguration(wiring.getClassLoader()), bundle.getSymbolicName());
    }

    void removeContribution(PageContribution contribution) {
        registered.removeIf(r -> r.contribution() == contribution);
    }

    /** Adds a contribution whose templates load through {@code templates}. */
    void add(PageContribution contribution, Configuration templates, String bundle) {
        registered.add(new Registered(contribution, templates, bundle));
    }

    /**
     * The rendered fragments for this request, per slot (lower-case slot name), in rank order. A
     * contribution that fails is left out and logged (without model values).
     */
    Map<String, List<TemplateHTMLOutputModel>> render(HttpServletRequest request, Map<String, Object> common) {
        Map<PageContribution.Slot, List<Rendered>> bySlot = new EnumMap<>(PageContribution.Slot.class);
        for (Registered r : registered) {
            try {
                Optional<PageFragment> fragment = r.contribution().contribute(request);
                if (fragment == null || fragment.isEmpty()) {
                    continue;
                }
                Map<String, Object> model = new HashMap<>(fragment.get().model());
                model.putAll(common);
                StringWriter out = new StringWriter(1024);
                r.templates().getTemplate(fragment.get().template()).process(model, out);
                bySlot.computeIfAbsent(r.contribution().slot(), s -> new ArrayList<>())
                        .add(new Rendered(r.contribution().rank(), out.toString()));
            } catch (Exception | LinkageError broken) {
                LOG.warn(
                        "A page contribution of bundle {} failed and is left out: {}",
                        r.bundle(),
                        broken.getClass().getName());
            }
        }
        Map<String, List<TemplateHTMLOutputModel>> result = new HashMap<>();
        for (PageContribution.Slot slot : PageContribution.Slot.values()) {
            List<TemplateHTMLOutputModel> fragments = bySlot.getOrDefault(slot, List.of()).stream()
                    .sorted(Comparator.comparingInt(Rendered::rank))
                    .map(f -> toMarkup(f.html()))
                    .toList();
            result.put(slot.name().toLowerCase(java.util.Locale.ROOT), fragments);
        }
        return result;
    }

    private static TemplateHTMLOutputModel toMarkup(String html) {
        try {
            // Output of an auto-escaping .ftlh template of the contributing bundle.
            return HTMLOutputFormat.INSTANCE.fromMarkup(html);
        } catch (freemarker.template.TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Rendered(int rank, String html) {}
}
