package org.cec.portal.web.internal;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.TemplateHashModel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.web.PageContribution;
import org.cec.portal.api.web.PageFragment;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
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
    private static final int FRAGMENT_CHARS = 4096;
    private static final Comparator<Rendered> BY_RANK = Comparator.comparingInt(Rendered::rank);
    /** The lower-case name of each slot, as the layout asks for it. */
    private static final Map<PageContribution.Slot, String> SLOT_NAMES = slotNames();

    /** One registered contribution with the templates and texts of its bundle. */
    record Registered(PageContribution contribution, BundleTemplates bundle) {}

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final PortalTranslations translations;

    @Activate
    public PageContributions(@Reference PortalTranslations translations) {
        this.translations = translations;
    }

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
        add(
                contribution,
                new BundleTemplates(
                        Pages.newConfiguration(wiring.getClassLoader()),
                        (BundleMessages) translations.of(bundle),
                        bundle.getSymbolicName()));
    }

    void removeContribution(PageContribution contribution) {
        registered.removeIf(r -> r.contribution() == contribution);
    }

    /** Adds a contribution rendered with {@code bundle}'s templates and texts. */
    void add(PageContribution contribution, BundleTemplates bundle) {
        registered.add(new Registered(contribution, bundle));
    }

    /**
     * The rendered fragments for this request, per slot (lower-case slot name), in rank order. A
     * contribution that fails is left out and logged (without model values).
     */
    Map<String, List<TemplateHTMLOutputModel>> render(
            HttpServletRequest request, Map<String, Object> common, Locale locale) {
        Map<PageContribution.Slot, List<Rendered>> bySlot = new EnumMap<>(PageContribution.Slot.class);
        for (Registered r : registered) {
            try {
                Optional<PageFragment> fragment = r.contribution().contribute(request);
                if (fragment == null || fragment.isEmpty()) {
                    continue;
                }
                BundleTemplates bundle = r.bundle();
                Map<String, Object> withTexts = new HashMap<>(common);
                withTexts.put("msg", new TemplateMessages(bundle.messages(), translations.common(), locale));
                TemplateHashModel model = PageModels.layered(
                        withTexts, fragment.get().model(), bundle.templates().getObjectWrapper());
                PageWriter out = new PageWriter(new char[FRAGMENT_CHARS]);
                bundle.process(fragment.get().template(), model, out, locale);
                bySlot.computeIfAbsent(r.contribution().slot(), s -> new ArrayList<>(2))
                        .add(new Rendered(r.contribution().rank(), out.toString()));
            } catch (Exception | LinkageError broken) {
                LOG.warn(
                        "A page contribution of bundle {} failed and is left out: {}",
                        r.bundle().name(),
                        broken.getClass().getName());
            }
        }
        Map<String, List<TemplateHTMLOutputModel>> result = new HashMap<>();
        for (PageContribution.Slot slot : PageContribution.Slot.values()) {
            List<Rendered> rendered = bySlot.get(slot);
            List<TemplateHTMLOutputModel> fragments;
            if (rendered == null) {
                fragments = List.of();
            } else {
                rendered.sort(BY_RANK);
                fragments = new ArrayList<>(rendered.size());
                for (Rendered f : rendered) {
                    fragments.add(toMarkup(f.html()));
                }
            }
            result.put(SLOT_NAMES.get(slot), fragments);
        }
        return result;
    }

    private static Map<PageContribution.Slot, String> slotNames() {
        Map<PageContribution.Slot, String> names = new EnumMap<>(PageContribution.Slot.class);
        for (PageContribution.Slot slot : PageContribution.Slot.values()) {
            names.put(slot, slot.name().toLowerCase(Locale.ROOT));
        }
        return names;
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
