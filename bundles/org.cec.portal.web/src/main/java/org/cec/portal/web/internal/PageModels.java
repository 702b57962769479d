package org.cec.portal.web.internal;

import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Supplier;
import org.cec.portal.api.web.PortalWeb;

/**
 * The data models templates see, built without copying maps or reflecting on beans on every page.
 */
final class PageModels {

    private PageModels() {}

    /**
     * The values of {@code common} and, for names {@code common} lacks, those of {@code own}: what a
     * template gets when its own model is merged with the values every page has, without copying
     * either map. Values are wrapped by {@code wrapper} when a template reads them, as a map handed to
     * Freemarker would be.
     */
    static TemplateHashModel layered(Map<String, ?> common, Map<String, ?> own, ObjectWrapper wrapper) {
        return new TemplateHashModel() {
            @Override
            public TemplateModel get(String key) throws TemplateModelException {
                Object value = common.get(key);
                if (value == null) {
                    value = own.get(key);
                }
                return value == null ? null : wrapper.wrap(value);
            }

            @Override
            public boolean isEmpty() {
                return common.isEmpty() && own.isEmpty();
            }
        };
    }

    /**
     * What templates see as {@code csrf}: {@code csrf.field} and {@code csrf.token}. The token is
     * created (and its cookie set) only when a template reads it.
     */
    static TemplateHashModel csrf(HttpServletRequest request) {
        return new TemplateHashModel() {
            @Override
            public TemplateModel get(String key) {
                return switch (key) {
                    case "field" -> FIELD;
                    case "token" -> new SimpleScalar(token(request));
                    default -> null;
                };
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        };
    }

    private static final SimpleScalar FIELD = new SimpleScalar(PortalWeb.CSRF_FIELD);

    static String token(HttpServletRequest request) {
        Object token = request.getAttribute(PortalWeb.CSRF_TOKEN_ATTRIBUTE);
        if (token instanceof Supplier<?> supplier) {
            return String.valueOf(supplier.get());
        }
        return token == null ? "" : token.toString();
    }
}
