package org.cec.portal.consent.internal;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cec.portal.api.web.CookieProtection;

/** Test doubles: a signing CookieProtection with a key of its own, and consent settings. */
final class Fakes {

    private Fakes() {}

    /** Signs like the portal does ({@code value.kid.mac}), with the given key. */
    static CookieProtection protection(String key) {
        return new CookieProtection() {
            @Override
            public String sign(String value) {
                return value + ".k1." + mac(key, value);
            }

            @Override
            public Optional<String> verify(String signed) {
                int sig = signed.lastIndexOf('.');
                int kid = sig > 0 ? signed.lastIndexOf('.', sig - 1) : -1;
                if (kid <= 0 || !"k1".equals(signed.substring(kid + 1, sig))) {
                    return Optional.empty();
                }
                String value = signed.substring(0, kid);
                return MessageDigest.isEqual(
                                mac(key, value).getBytes(StandardCharsets.UTF_8),
                                signed.substring(sig + 1).getBytes(StandardCharsets.UTF_8))
                        ? Optional.of(value)
                        : Optional.empty();
            }

            @Override
            public String seal(String value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> unseal(String sealed) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static String mac(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ConsentSettings settings(String version) {
        return settings(version, "", true, true);
    }

    static ConsentSettings settings(String version, String policy, boolean dnt, boolean gpc) {
        return new ConsentSettings(config(version, policy, ConsentSettings.DEFAULT_BANNER, dnt, gpc, 180));
    }

    static ConsentSettings.Config config(
            String version, String policy, String banner, boolean dnt, boolean gpc, int days) {
        return new ConsentSettings.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ConsentSettings.Config.class;
            }

            @Override
            public String policy_version() {
                return version;
            }

            @Override
            public String policy_text() {
                return policy;
            }

            @Override
            public String banner_text() {
                return banner;
            }

            @Override
            public boolean honour_dnt() {
                return dnt;
            }

            @Override
            public boolean honour_gpc() {
                return gpc;
            }

            @Override
            public int choice_max_age_days() {
                return days;
            }
        };
    }
}
