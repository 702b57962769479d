package org.cec.portal.web.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The portal's {@link Translations}: one {@link BundleMessages} per bundle, kept until the bundle is
 * updated, refreshed or uninstalled, so an updated plugin shows its new texts at once.
 */
@Component(service = {Translations.class, PortalTranslations.class})
public final class PortalTranslations implements Translations {

    private final Map<Long, BundleMessages> byBundle = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final Bundle own;
    private final SynchronousBundleListener forget = this::bundleChanged;

    @Activate
    public PortalTranslations(BundleContext context) {
        this.context = context;
        this.own = context.getBundle();
        context.addBundleListener(forget);
    }

    /** Translations whose shared texts are those of {@code own}, outside a framework (for tests). */
    PortalTranslations(Bundle own) {
        this.context = null;
        this.own = own;
    }

    @Deactivate
    void deactivate() {
        if (context != null) {
            context.removeBundleListener(forget);
        }
        byBundle.clear();
    }

    @Override
    public Messages of(Bundle bundle) {
        return byBundle.computeIfAbsent(bundle.getBundleId(), id -> new BundleMessages(bundle));
    }

    /** The messages of the web bundle itself: the layout's texts and the words every page shares. */
    BundleMessages common() {
        return (BundleMessages) of(own);
    }

    private void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.UPDATED, BundleEvent.UNRESOLVED, BundleEvent.UNINSTALLED, BundleEvent.RESOLVED -> byBundle
                    .remove(event.getBundle().getBundleId());
            default -> {
                // the texts do not change
            }
        }
    }
}
