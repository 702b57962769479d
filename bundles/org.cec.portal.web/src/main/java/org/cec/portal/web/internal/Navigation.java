package org.cec.portal.web.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.web.NavigationItem;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The navigation entries registered right now, in display order, their texts in the visitor's
 * language (a {@code %key} label is looked up in the messages of the bundle that registered it).
 */
@Component(service = Navigation.class)
public final class Navigation {

    /** One entry as the templates see it. */
    public record Entry(String label, String path, String description, int rank) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::rank).thenComparing(Entry::label, String.CASE_INSENSITIVE_ORDER);

    private record Registered(NavigationItem item, Messages messages) {}

    private final PortalTranslations translations;
    private final List<Registered> items = new CopyOnWriteArrayList<>();

    @Activate
    public Navigation(@Reference PortalTranslations translations) {
        this.translations = translations;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addItem(NavigationItem item, ServiceReference<NavigationItem> reference) {
        var bundle = reference.getBundle();
        Messages messages = bundle == null ? translations.common() : translations.of(bundle);
        items.add(new Registered(item, messages));
    }

    void removeItem(NavigationItem item) {
        items.removeIf(r -> r.item() == item);
    }

    /** A snapshot of the entries for a visitor reading {@code locale}, sorted; an entry whose provider fails is left out. */
    public List<Entry> entries(Locale locale) {
        return items.stream()
                .map(r -> toEntry(r, locale))
                .filter(Objects::nonNull)
                .sorted(ORDER)
                .toList();
    }

    private static Entry toEntry(Registered registered, Locale locale) {
        try {
            NavigationItem item = registered.item();
            String path = item.path();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            Messages messages = registered.messages();
            String description = item.description();
            return new Entry(
                    messages.localize(locale, item.label()),
                    path,
                    description == null ? "" : messages.localize(locale, description),
                    item.rank());
        } catch (RuntimeException brokenPlugin) {
            return null;
        }
    }
}
