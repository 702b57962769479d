package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything a visitor typed so far, as typed (stripped), carried between the steps of the form in
 * hidden fields and shown again next to the errors. Reading it already notes input that cannot be
 * right whatever the field (a field sent twice, characters that are not text).
 *
 * @param fields the single-valued core fields by name
 * @param services the service ids chosen, without repeats, in the order sent
 * @param answers answers to section questions by form name ({@code section.<id>.<field>})
 * @param honeypot what was typed into the field people do not see (non-empty: a robot)
 */
record FormState(Map<String, String> fields, List<String> services, Map<String, String> answers, String honeypot) {

    static final List<String> CORE_FIELDS =
            List.of("name", "email", "phone", "city", "zip", "address", "contactMethod", "age");
    static final String HONEYPOT = "website";
    static final int MAX_VALUE = 4000;
    static final int MAX_SERVICES = 50;

    static FormState empty() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : CORE_FIELDS) {
            fields.put(f, "");
        }
        return new FormState(fields, List.of(), Map.of(), "");
    }

    /** Reads the form's fields from {@code in}; problems of single fields go into {@code errors}. */
    static FormState read(Input in, Catalog.Snapshot catalog, Map<String, String> errors) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : CORE_FIELDS) {
            fields.put(f, single(in, f, catalog.texts(), errors));
        }
        List<String> raw = in.values("services");
        LinkedHashSet<String> services = new LinkedHashSet<>();
        if (raw.size() > MAX_SERVICES) {
            errors.putIfAbsent("services", catalog.texts().get("intake.error.services.tooMany", MAX_SERVICES));
        } else {
            for (String s : raw) {
                String id = s == null ? "" : s.strip();
                if (!id.isEmpty()) {
                    services.add(id);
                }
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Catalog.SectionInfo section : catalog.sections()) {
            for (var field : section.fields()) {
                String name = answerName(section.id(), field.id());
                answers.put(name, single(in, name, catalog.texts(), errors));
            }
        }
        List<String> trap = in.values(HONEYPOT);
        String honeypot =
                trap.isEmpty() || trap.get(0) == null ? "" : trap.get(0).strip();
        return new FormState(fields, new ArrayList<>(services), answers, honeypot);
    }

    static String answerName(String sectionId, String fieldId) {
        return "section." + sectionId + "." + fieldId;
    }

    String get(String field) {
        return fields.getOrDefault(field, "");
    }

    String answer(String name) {
        return answers.getOrDefault(name, "");
    }

    /** This state with the core fields replaced by their normalised forms. */
    FormState withFields(Map<String, String> normalised) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.putAll(normalised);
        return new FormState(copy, services, answers, honeypot);
    }

    private static String single(Input in, String name, Texts texts, Map<String, String> errors) {
        List<String> values = in.values(name);
        if (values.isEmpty() || values.get(0) == null) {
            return "";
        }
        String value = values.get(0);
        if (values.size() > 1) {
            errors.putIfAbsent(name, texts.get("intake.error.sentTwice"));
        }
        if (value.length() > MAX_VALUE) {
            errors.putIfAbsent(name, texts.get("intake.error.tooLong"));
            return value.substring(0, 200).strip();
        }
        value = value.strip();
        String problem = textProblem(value);
        if (problem != null) {
            problem = texts.get(problem);
        }
        if (problem != null) {
            errors.putIfAbsent(name, problem);
        }
        return value;
    }

    /** Why {@code value} is not plain text (the key of the message), or null when it is. */
    static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\uFFFD') {
                return "intake.error.unreadable";
            }
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !validSurrogate(value, i))) {
                return "intake.error.notAllowed";
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return null;
    }

    private static boolean validSurrogate(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
