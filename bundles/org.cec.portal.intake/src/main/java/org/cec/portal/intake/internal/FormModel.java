package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;

/**
 * Builds the template models of the form's steps: plain maps and lists of strings, so the templates
 * need no knowledge of the Java types (and every value is escaped by the {@code .ftlh} output format).
 */
final class FormModel {

    static final Set<String> CONTACT_FIELDS = Set.copyOf(FormState.CORE_FIELDS);

    private final FormState state;
    private final Map<String, String> errors;
    private final Catalog.Snapshot catalog;

    FormModel(FormState state, Map<String, String> errors, Catalog.Snapshot catalog) {
        this.state = state;
        this.errors = errors;
        this.catalog = catalog;
    }

    /** The model of a step: {@code contact}, {@code services} or {@code review}. */
    Map<String, Object> step(String step) {
        Map<String, Object> m = new HashMap<>();
        m.put("step", step);
        m.put("v", new HashMap<>(state.fields()));
        m.put("errors", Map.copyOf(errors));
        m.put("summary", summary());
        m.put("services", services());
        m.put("sections", sections());
        List<Map<String, String>> hidden = new ArrayList<>();
        if (!step.equals("contact")) {
            for (String f : FormState.CORE_FIELDS) {
                hidden.add(pair(f, state.get(f)));
            }
        }
        if (!step.equals("services")) {
            for (String s : state.services()) {
                hidden.add(pair("services", s));
            }
            state.answers().forEach((name, value) -> hidden.add(pair(name, value)));
        }
        m.put("hidden", hidden);
        m.put("chosen", chosen());
        m.put("answered", answered());
        return m;
    }

    private List<Map<String, String>> summary() {
        List<Map<String, String>> list = new ArrayList<>();
        errors.forEach((field, message) -> list.add(Map.of("anchor", anchor(field), "message", message)));
        return list;
    }

    static String anchor(String field) {
        return "f-" + field.replace('.', '-');
    }

    private List<Map<String, Object>> services() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Catalog.ServiceInfo s : catalog.services()) {
            list.add(Map.of(
                    "id", s.id(),
                    "label", s.label(),
                    "description", s.description(),
                    "checked", state.services().contains(s.id())));
        }
        return list;
    }

    private List<String> chosen() {
        List<String> list = new ArrayList<>();
        for (String id : state.services()) {
            Catalog.ServiceInfo s = catalog.servicesById().get(id);
            if (s != null) {
                list.add(s.label());
            }
        }
        return list;
    }

    private List<Map<String, Object>> sections() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Catalog.SectionInfo s : catalog.sections()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (IntakeField f : s.fields()) {
                String name = FormState.answerName(s.id(), f.id());
                String value = state.answer(name);
                List<Map<String, Object>> options = new ArrayList<>();
                for (FieldOption o : f.options()) {
                    options.add(Map.of(
                            "value",
                            o.value(),
                            "label",
                            o.label(),
                            "checked",
                            o.value().equals(value)));
                }
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", name);
                field.put("anchor", anchor(name));
                field.put("label", f.label());
                field.put("hint", f.hint());
                field.put("kind", f.kind().name());
                field.put("required", f.required());
                field.put("value", value);
                field.put("error", errors.getOrDefault(name, ""));
                field.put("options", options);
                field.put("maxLength", f.maxLength());
                fields.add(field);
            }
            list.add(Map.of("id", s.id(), "title", s.title(), "description", s.description(), "fields", fields));
        }
        return list;
    }

    /** The section answers for the review page: section title, question, answer (option labels shown). */
    private List<Map<String, String>> answered() {
        List<Map<String, String>> list = new ArrayList<>();
        for (Catalog.SectionInfo s : catalog.sections()) {
            for (IntakeField f : s.fields()) {
                String value = state.answer(FormState.answerName(s.id(), f.id()));
                if (value.isEmpty()) {
                    continue;
                }
                String shown = value;
                for (FieldOption o : f.options()) {
                    if (o.value().equals(value)) {
                        shown = o.label();
                    }
                }
                list.add(Map.of("section", s.title(), "label", f.label(), "value", shown));
            }
        }
        return list;
    }

    private static Map<String, String> pair(String name, String value) {
        return Map.of("name", name, "value", value);
    }
}
