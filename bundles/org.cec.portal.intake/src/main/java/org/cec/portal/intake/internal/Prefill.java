package org.cec.portal.intake.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers a visitor's contact fields for the next request form, only with their {@link
 * org.cec.portal.api.consent.Purpose#PREFERENCES preferences} consent: after a submission the fields are sealed (AES-GCM, with the
 * portal's keys, {@link CookieProtection#seal}) into the cookie {@value #COOKIE} (HttpOnly,
 * SameSite=Lax, Secure on HTTPS, path {@code /request}, {@code prefill.maxAgeDays}); the next {@code GET
 * /request} fills them in. A cookie that was altered, made by another installation, malformed or holding
 * anything a visitor could not have typed is ignored: the form is simply empty. Without the consent (no
 * {@link ConsentService}, or the visitor refused or withdrew it) nothing is set, and a cookie left from
 * before is neither read nor kept (it is expired).
 */
@Component(service = Prefill.class, configurationPid = IntakeGuard.PID)
public final class Prefill {

    static final String COOKIE = "cec_intake_contact";
    static final String PATH = RequestPage.PATH;
    /** The remembered fields and the longest value of each (the form's own limits). */
    static final Map<String, Integer> FIELDS = limits();

    private static final String FORMAT = "p1";
    private static final int MAX_COOKIE = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(Prefill.class);

    private final CookieProtection protection;
    private volatile Duration maxAge;

    /** Absent when the consent module is not running: then nothing is remembered. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Activate
    public Prefill(@Reference CookieProtection protection, IntakeGuard.Config config) {
        this.protection = protection;
        modified(config);
    }

    /** For tests. */
    Prefill(CookieProtection protection, ConsentService consent, Duration maxAge) {
        this.protection = protection;
        this.consent = consent;
        this.maxAge = maxAge;
    }

    @Modified
    void modified(IntakeGuard.Config config) {
        int days = config.prefill_maxAgeDays();
        if (days < 0 || days > 400) {
            throw new IllegalArgumentException("prefill.maxAgeDays must be 0 to 400");
        }
        this.maxAge = Duration.ofDays(days);
    }

    /**
     * The contact fields remembered for this visitor, or an empty map: no cookie, no consent (a cookie
     * left from before is then expired), remembering turned off, or a cookie that is not one of ours.
     */
    Map<String, String> read(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> value = cookie(request);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (!allowed(request)) {
            expire(request, response);
            return Map.of();
        }
        Map<String, String> fields =
                protection.unseal(value.get()).flatMap(Prefill::decode).orElse(Map.of());
        if (fields.isEmpty()) {
            LOG.debug("Ignoring a contact cookie that is altered, foreign or malformed");
        }
        return fields;
    }

    /** After a submission: remembers its contact fields when the visitor allows it, else forgets them. */
    void remember(HttpServletRequest request, HttpServletResponse response, Validator.ValidRequest valid) {
        if (!allowed(request)) {
            if (cookie(request).isPresent()) {
                expire(request, response);
            }
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", valid.name());
        fields.put("email", valid.email());
        fields.put("phone", Validator.displayPhone(valid.phone()));
        fields.put("city", valid.city());
        fields.put("zip", valid.zip());
        fields.put("address", valid.address());
        Cookie cookie = FormCookies.create(request, COOKIE, protection.seal(encode(fields)));
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()));
        response.addCookie(cookie);
    }

    private boolean allowed(HttpServletRequest request) {
        return !maxAge.isZero()
                && FormCookies.preferencesAllowed(consent, request, "the contact fields are not remembered");
    }

    private static void expire(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(FormCookies.expired(request, COOKIE));
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        return FormCookies.read(request, COOKIE, MAX_COOKIE);
    }

    /** {@code p1&name=...&email=...}, every field present, URL-encoded. */
    static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(FORMAT);
        for (String f : FIELDS.keySet()) {
            sb.append('&')
                    .append(f)
                    .append('=')
                    .append(URLEncoder.encode(fields.getOrDefault(f, ""), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** The fields of {@link #encode}'s output; empty unless every field is there, once, and plausible. */
    static Optional<Map<String, String>> decode(String value) {
        String[] parts = value.split("&", -1);
        if (parts.length != FIELDS.size() + 1 || !FORMAT.equals(parts[0])) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 1;
        for (Map.Entry<String, Integer> f : FIELDS.entrySet()) {
            String part = parts[i++];
            String prefix = f.getKey() + "=";
            if (!part.startsWith(prefix)) {
                return Optional.empty();
            }
            String v;
            try {
                v = URLDecoder.decode(part.substring(prefix.length()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (v.length() > f.getValue() || !v.equals(v.strip()) || FormState.textProblem(v) != null) {
                return Optional.empty();
            }
            fields.put(f.getKey(), v);
        }
        return Optional.of(fields);
    }

    private static Map<String, Integer> limits() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("name", Validator.MAX_NAME);
        m.put("email", Validator.MAX_EMAIL);
        m.put("phone", 25);
        m.put("city", Validator.MAX_CITY);
        m.put("zip", 10);
        m.put("address", Validator.MAX_ADDRESS);
        return Collections.unmodifiableMap(m);
    }
}
