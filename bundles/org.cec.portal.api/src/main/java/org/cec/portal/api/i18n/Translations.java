package org.cec.portal.api.i18n;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * Gives the {@link Messages} of any bundle: a module reads its own texts, and those of the plugin
 * bundles whose services it shows (a {@code ServiceType}'s {@code %key} label is looked up in the
 * bundle that registered the {@code ServiceType}).
 *
 * <pre>{@code
 * @Activate
 * public RebatePage(@Reference Translations translations, BundleContext context) {
 *     this.messages = translations.of(context.getBundle());
 * }
 * ...
 * messages.get(Languages.of(request), "rebates.thanks", name);
 * }</pre>
 */
@ProviderType
public interface Translations {

    /** The messages of {@code bundle} ({@code messages/messages*.properties} in it and its fragments). */
    Messages of(Bundle bundle);
}
