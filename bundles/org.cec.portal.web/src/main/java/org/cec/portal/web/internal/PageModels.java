package org.cec.portal.web.internal;

import freemarker.template.DefaultMapAdapter;
import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.ObjectWrapperWithAPISupport;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
     * either map. A value is wrapped by {@code wrapper} the first time a template reads it and the
     * wrapped value is kept for the rest of this rendering (a map handed to Freemarker would be
     * wrapped again on every read). For one rendering on one thread.
     */
    static TemplateHashModel layered(Map<String, ?> common, Map<String, ?> own, ObjectWrapper wrapper) {
        return new Layered(common, own, wrapper);
    }

    private static final class Layered implements TemplateHashModelEx2 {
        private final Map<String, ?> common;
        private final Map<String, ?> own;
        private final ObjectWrapper wrapper;
        private final Map<String, TemplateModel> wrapped = new HashMap<>();

        Layered(Map<String, ?> common, Map<String, ?> own, ObjectWrapper wrapper) {
            this.common = common;
            this.own = own;
            this.wrapper = wrapper;
        }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            TemplateModel model = wrapped.get(key);
            if (model != null) {
                return model;
            }
            Object value = common.get(key);
            if (value == null) {
                value = own.get(key);
            }
            if (value == null) {
                return null;
            }
            model = wrapper.wrap(value);
            wrapped.put(key, model);
            return model;
        }

        @Override
        public boolean isEmpty() {
            return common.isEmpty() && own.isEmpty();
        }

        // Listing the whole model (?keys, ?size, <#list .data_model as k, v>) is rare: it gets the
        // merged map, as before.

        @Override
        public int size() throws TemplateModelException {
            return merged().size();
        }

        @Override
        public TemplateCollectionModel keys() throws TemplateModelException {
            return merged().keys();
        }

        @Override
        public TemplateCollectionModel values() throws TemplateModelException {
            return merged().values();
        }

        @Override
        public KeyValuePairIterator keyValuePairIterator() throws TemplateModelException {
            return merged().keyValuePairIterator();
        }

        private TemplateHashModelEx2 merged() {
            Map<String, Object> all = new LinkedHashMap<>(own);
            all.putAll(common);
            return DefaultMapAdapter.adapt(all, (ObjectWrapperWithAPISupport) wrapper);
        }
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
