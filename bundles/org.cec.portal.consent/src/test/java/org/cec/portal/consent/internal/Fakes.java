package org.cec.portal.consent.internal;

import java.lang.annotation.Annotation;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.testing.TestCookieProtection;

/** Test doubles: a CookieProtection with keys of its own, and consent settings. */
final class Fakes {

    private Fakes() {}

    /** Signs (and seals) like the portal does ({@code value.kid.mac}), with keys derived from {@code key}. */
    static CookieProtection protection(String key) {
        return new TestCookieProtection(key);
    }

    static ConsentSettings settings(String version) {
        return settings(version, "", true, true);
    }

    static ConsentSettings settings(String version, String policy, boolean dnt, boolean gpc) {
        return new ConsentSettings(config(version, policy, "", dnt, gpc, 180));
    }

    static ConsentSettings.Config config(
            String version, String policy, String banner, boolean dnt, boolean gpc, int days) {
        return config(version, "2026-12-02", policy, "", banner, "", dnt, gpc, days);
    }

    /** Settings with texts per language ({@code ""}: the built-in one). */
    static ConsentSettings.Config config(
            String version,
            String date,
            String policy,
            String policyEs,
            String banner,
            String bannerEs,
            boolean dnt,
            boolean gpc,
            int days) {
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
            public String policy_date() {
                return date;
            }

            @Override
            public String policy_text_es() {
                return policyEs;
            }

            @Override
            public String banner_text() {
                return banner;
            }

            @Override
            public String banner_text_es() {
                return bannerEs;
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
