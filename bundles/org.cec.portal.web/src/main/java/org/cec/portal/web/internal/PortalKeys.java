package org.cec.portal.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's cookie keys, loaded from (or generated under) the keys folder: HMAC keys for signed
 * values (the CSRF cookie among them) and AES keys for sealed ones. Offered to every module as
 * {@link CookieProtection}. The keys folder is the framework property {@code cec.keys.dir} (the
 * launcher sets it from {@code CEC_KEYS_DIR}), else {@code <data dir>/keys/}: nodes that share one
 * keys folder (or copies of it) accept each other's cookies.
 */
@Component(service = {PortalKeys.class, CookieProtection.class})
public final class PortalKeys implements CookieProtection {

    /** Framework property: the keys folder shared by the nodes of one portal. */
    static final String KEYS_DIR = "cec.keys.dir";

    private final SigningKeys signing;
    private final SealingKeys sealing;
    private final Csrf csrf;

    @Activate
    public PortalKeys(BundleContext context) throws IOException {
        SecureRandom random = new SecureRandom();
        Path keyDir = keysDirectory(context);
        this.signing = SigningKeys.loadOrCreate(keyDir, random);
        this.sealing = SealingKeys.loadOrCreate(keyDir, random);
        this.csrf = new Csrf(signing, Csrf.perThreadDrbg());
    }

    static Path keysDirectory(BundleContext context) {
        String shared = context.getProperty(KEYS_DIR);
        return shared == null || shared.isBlank()
                ? DataDirectory.of(context).resolve("keys")
                : Path.of(shared.trim()).toAbsolutePath();
    }

    Csrf csrf() {
        return csrf;
    }

    @Override
    public String sign(String value) {
        return signing.sign(value);
    }

    @Override
    public Optional<String> verify(String signed) {
        return signing.verify(signed);
    }

    @Override
    public String seal(String value) {
        return sealing.seal(value);
    }

    @Override
    public Optional<String> unseal(String sealed) {
        return sealing.unseal(sealed);
    }
}
