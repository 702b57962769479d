package org.cec.portal.intake.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;

/** What the tests of the form's cookies and drafts share: consent, requests, responses, typed forms. */
final class FormFixtures {

    private FormFixtures() {}

    /** A consent service that answers {@code preferences} for the preferences purpose. */
    static ConsentService consent(boolean preferences) {
        ConsentService consent = mock(ConsentService.class);
        when(consent.allows(any(HttpServletRequest.class), eq(Purpose.PREFERENCES)))
                .thenReturn(preferences);
        return consent;
    }

    /** A request carrying the cookie {@code name=value} (none when {@code value} is null) beside another one. */
    static HttpServletRequest request(boolean secure, String name, String value) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.isSecure()).thenReturn(secure);
        when(request.getCookies())
                .thenReturn(value == null ? null : new Cookie[] {new Cookie("other", "x"), new Cookie(name, value)});
        Map<String, Object> attributes = new HashMap<>();
        doAnswer(inv -> attributes.put(inv.getArgument(0), inv.getArgument(1)))
                .when(request)
                .setAttribute(anyString(), any());
        when(request.getAttribute(anyString())).thenAnswer(inv -> attributes.get(inv.<String>getArgument(0)));
        return request;
    }

    /** A response that adds every cookie it is given to {@code issued}. */
    static HttpServletResponse response(List<Cookie> issued) {
        HttpServletResponse response = mock(HttpServletResponse.class);
        doAnswer(inv -> issued.add(inv.getArgument(0))).when(response).addCookie(any());
        return response;
    }

    /** A form filled in up to the services, with the core fields not given here left empty. */
    static FormState typed(String name, String email, String age, List<String> services, Map<String, String> answers) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : FormState.CORE_FIELDS) {
            fields.put(f, "");
        }
        fields.put("name", name);
        fields.put("email", email);
        fields.put("phone", "(415) 555-0134");
        fields.put("city", "San Francisco");
        fields.put("zip", "94110");
        fields.put("contactMethod", "email");
        fields.put("age", age);
        return new FormState(fields, new ArrayList<>(services), answers, "");
    }
}
