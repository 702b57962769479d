package org.cec.portal.web.internal;

import java.io.IOException;
import java.security.SecureRandom;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The web layer's cookie keys, loaded from (or generated under) {@code <data dir>/keys/}. */
@Component(service = PortalKeys.class)
public final class PortalKeys {

    private final Csrf csrf;

    @Activate
    public PortalKeys(BundleContext context) throws IOException {
        SecureRandom random = new SecureRandom();
        SigningKeys keys = SigningKeys.loadOrCreate(DataDirectory.of(context).resolve("keys"), random);
        this.csrf = new Csrf(keys, random);
    }

    Csrf csrf() {
        return csrf;
    }
}
