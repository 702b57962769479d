package org.cec.portal.privacy.internal.pages;

import java.util.Optional;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The texts of the bundle whose provider holds an area: each module, a partner's plugin included, names
 * its area, kinds and fields in its own message bundles, in every language it ships.
 */
@Component(service = AreaTexts.class)
public final class AreaTexts {

    private final PersonalData data;
    private final Translations translations;

    @Activate
    public AreaTexts(@Reference PersonalData data, @Reference Translations translations) {
        this.data = data;
        this.translations = translations;
    }

    /** The texts of the bundle holding {@code area}; empty while no provider holds it. */
    public Optional<Messages> of(String area) {
        return data.bundleOf(area).map(translations::of);
    }
}
