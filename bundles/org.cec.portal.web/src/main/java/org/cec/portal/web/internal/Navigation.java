package org.cec.portal.web.internal;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The navigation entries registered right now, in display order. */
@Component(service = Navigation.class)
public final class Navigation {

    /** One entry as the templates see it. */
    public record Entry(String label, String path, String description, int rank) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::rank).thenComparing(Entry::label, String.CASE_INSENSITIVE_ORDER);

    private final List<NavigationItem> items = new CopyOnWriteArrayList<>();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addItem(NavigationItem item) {
        items.add(item);
    }

    void removeItem(NavigationItem item) {
        items.remove(item);
    }

    /** A snapshot of the entries, sorted; an entry whose provider fails is left out. */
    public List<Entry> entries() {
        return items.stream()
                .map(Navigation::toEntry)
                .filter(e -> e != null)
                .sorted(ORDER)
                .toList();
    }

    private static Entry toEntry(NavigationItem item) {
        try {
            String path = item.path();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            String description = item.description();
            return new Entry(item.label(), path, description == null ? "" : description, item.rank());
        } catch (RuntimeException brokenPlugin) {
            return null;
        }
    }
}
