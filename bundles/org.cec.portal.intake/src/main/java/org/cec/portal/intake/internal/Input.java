package org.cec.portal.intake.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;

/** What a visitor sent, by field name, each with all its values: a form post or a JSON body. */
@FunctionalInterface
interface Input {

    /** Every value sent under {@code name}, in order; empty when none. */
    List<String> values(String name);

    static Input of(HttpServletRequest request) {
        return name -> {
            String[] v = request.getParameterValues(name);
            return v == null ? List.of() : List.of(v);
        };
    }

    static Input of(Map<String, List<String>> values) {
        return name -> values.getOrDefault(name, List.of());
    }
}
