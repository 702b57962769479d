package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a request, the same for the form and the API: each check puts a message for the
 * visitor under the field's name, in the visitor's language ({@link #in}), and returns the normalised
 * value (US phone numbers, ZIP+4, email in lower case). The messages of a plugin's own validation are
 * read with the plugin's messages ({@code %key}) or taken as they are (plain text).
 */
final class Validator {

    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);

    static final String AGE_ADULT = "13-or-older";
    static final String AGE_CHILD = "under-13";
    static final int MAX_NAME = 100;
    static final int MAX_CITY = 100;
    static final int MAX_ADDRESS = 200;
    static final int MAX_EMAIL = 254;

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern PHONE_CHARS = Pattern.compile("[0-9 ()+.\\-]{7,25}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:[-\\s]?(\\d{4}))?");
    private static final int MAX_MESSAGE = 300;

    private final ZipCentroids zips;
    private final Texts texts;

    Validator(ZipCentroids zips, Texts texts) {
        this.zips = zips;
        this.texts = texts;
    }

    /** These rules with their messages in another language (the ZIP code list is shared). */
    Validator in(Texts other) {
        return other.equals(texts) ? this : new Validator(zips, other);
    }

    /**
     * A request that passed every rule, normalised, ready to store; {@code language} is the tag of the
     * language it was made in ({@code en}, {@code es}), the one its messages were in.
     */
    record ValidRequest(
            String name,
            String email,
            String phone,
            String city,
            String zip,
            String address,
            String contactMethod,
            List<Catalog.ServiceInfo> services,
            List<Answer> answers,
            String language) {

        /** A request made in English. */
        ValidRequest(
                String name,
                String email,
                String phone,
                String city,
                String zip,
                String address,
                String contactMethod,
                List<Catalog.ServiceInfo> services,
                List<Answer> answers) {
            this(name, email, phone, city, zip, address, contactMethod, services, answers, "en");
        }
    }

    /** One answer to a section question, with the texts shown when it was given. */
    record Answer(
            String sectionId,
            int sectionVersion,
            String sectionTitle,
            String fieldId,
            String fieldLabel,
            String value,
            String valueLabel) {

        /** An answer without a label of its own (text and number questions). */
        Answer(
                String sectionId,
                int sectionVersion,
                String sectionTitle,
                String fieldId,
                String fieldLabel,
                String value) {
            this(sectionId, sectionVersion, sectionTitle, fieldId, fieldLabel, value, "");
        }
    }

    /** Checks the contact step; returns the normalised display values of its fields. */
    Map<String, String> contact(FormState state, Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", text(state.get("name"), "name", MAX_NAME, true, texts.get("intake.error.name"), errors));
        out.put("email", email(state.get("email"), errors));
        out.put(
                "phone",
                phone(state.get("phone"), errors).map(Validator::displayPhone).orElse(state.get("phone")));
        out.put("city", text(state.get("city"), "city", MAX_CITY, true, texts.get("intake.error.city"), errors));
        out.put("zip", zip(state.get("zip"), errors));
        out.put("address", text(state.get("address"), "address", MAX_ADDRESS, false, "", errors));
        String method = state.get("contactMethod");
        if (method.isEmpty()) {
            method = "email";
        } else if (!method.equals("email") && !method.equals("phone")) {
            errors.putIfAbsent("contactMethod", texts.get("intake.error.contactMethod"));
        }
        out.put("contactMethod", method);
        String age = state.get("age");
        if (!age.equals(AGE_ADULT) && !age.equals(AGE_CHILD)) {
            errors.putIfAbsent("age", texts.get("intake.error.age"));
        }
        out.put("age", age);
        return out;
    }

    /** Checks the services and the section answers; returns the chosen services. */
    List<Catalog.ServiceInfo> services(FormState state, Catalog.Snapshot catalog, Map<String, String> errors) {
        List<Catalog.ServiceInfo> chosen = new ArrayList<>();
        boolean unknown = false;
        for (String id : state.services()) {
            Catalog.ServiceInfo s = catalog.servicesById().get(id);
            if (s == null) {
                unknown = true;
            } else {
                chosen.add(s);
            }
        }
        if (unknown) {
            errors.putIfAbsent("services", texts.get("intake.error.services.unknown"));
        } else if (chosen.isEmpty()) {
            errors.putIfAbsent("services", texts.get("intake.error.services.none"));
        }
        return chosen;
    }

    /** Checks the answers to every section of {@code catalog}; returns them, in form order. */
    List<Answer> answers(FormState state, Catalog.Snapshot catalog, Map<String, String> errors) {
        List<Answer> answers = new ArrayList<>();
        for (Catalog.SectionInfo section : catalog.sections()) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean basicErrors = false;
            for (IntakeField field : section.fields()) {
                String name = FormState.answerName(section.id(), field.id());
                String value = state.answer(name);
                String problem = errors.containsKey(name) ? errors.get(name) : fieldProblem(field, value);
                if (problem != null) {
                    errors.putIfAbsent(name, problem);
                    basicErrors = true;
                }
                values.put(field.id(), value);
            }
            if (!basicErrors) {
                Map<String, String> own;
                try {
                    own = section.plugin().validate(Map.copyOf(values));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "The validation of intake section {} failed with {}; its answers are accepted",
                            section.id(),
                            e.toString());
                    own = Map.of();
                }
                if (own != null) {
                    for (IntakeField field : section.fields()) {
                        String message = own.get(field.id());
                        if (message != null && !message.isBlank()) {
                            String m = section.texts().localize(message.strip()).strip();
                            errors.putIfAbsent(
                                    FormState.answerName(section.id(), field.id()),
                                    m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) : m);
                        }
                    }
                }
            }
            for (IntakeField field : section.fields()) {
                String value = values.get(field.id());
                if (!value.isEmpty()) {
                    answers.add(new Answer(
                            section.id(),
                            section.version(),
                            limit(section.title(), 200),
                            field.id(),
                            limit(field.label(), 200),
                            value,
                            limit(optionLabel(field, value), 200)));
                }
            }
        }
        return answers;
    }

    /** The whole request, or empty with {@code errors} saying why (an under-13 is no error here: check age first). */
    Optional<ValidRequest> request(FormState state, Catalog.Snapshot catalog, Map<String, String> errors) {
        Map<String, String> contact = contact(state, errors);
        List<Catalog.ServiceInfo> services = services(state, catalog, errors);
        List<Answer> answers = answers(state, catalog, errors);
        if (!errors.isEmpty() || !AGE_ADULT.equals(contact.get("age"))) {
            return Optional.empty();
        }
        Map<String, String> ignored = new HashMap<>();
        return Optional.of(new ValidRequest(
                contact.get("name"),
                contact.get("email"),
                phone(contact.get("phone"), ignored).orElseThrow(),
                contact.get("city"),
                contact.get("zip"),
                contact.get("address"),
                contact.get("contactMethod"),
                services,
                answers,
                texts.locale().getLanguage()));
    }

    /** The label the form showed for {@code value} of a choice question; empty for other questions. */
    static String optionLabel(IntakeField field, String value) {
        if (field.kind() == org.cec.portal.api.intake.FieldKind.CHOICE && field.options() != null) {
            for (FieldOption o : field.options()) {
                if (o.value().equals(value) && o.label() != null) {
                    return o.label().strip();
                }
            }
        }
        return "";
    }

    String fieldProblem(IntakeField field, String value) {
        if (value.isEmpty()) {
            return field.required() ? texts.get("intake.error.answer.missing") : null;
        }
        switch (field.kind()) {
            case TEXT -> {
                if (value.length() > field.maxLength()) {
                    return texts.get("intake.error.maxLength", field.maxLength());
                }
            }
            case NUMBER -> {
                String range = texts.get("intake.error.number", field.min(), field.max());
                if (!NUMBER.matcher(value).matches()) {
                    return range;
                }
                long n = Long.parseLong(value);
                if (n < field.min() || n > field.max()) {
                    return range;
                }
            }
            case CHOICE -> {
                boolean known = false;
                for (FieldOption o : field.options()) {
                    known |= o.value().equals(value);
                }
                if (!known) {
                    return texts.get("intake.error.choice");
                }
            }
        }
        return null;
    }

    String text(String value, String field, int max, boolean required, String missing, Map<String, String> errors) {
        if (value.isEmpty()) {
            if (required) {
                errors.putIfAbsent(field, missing);
            }
        } else if (value.length() > max) {
            errors.putIfAbsent(field, texts.get("intake.error.maxLength", max));
        }
        return value;
    }

    String email(String value, Map<String, String> errors) {
        if (value.isEmpty()) {
            errors.putIfAbsent("email", texts.get("intake.error.email.missing"));
            return value;
        }
        if (value.length() > MAX_EMAIL || !EMAIL.matcher(value).matches()) {
            errors.putIfAbsent("email", texts.get("intake.error.email.invalid"));
            return value;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The phone number in E.164 ({@code +14155550134}), or empty with an error. */
    Optional<String> phone(String value, Map<String, String> errors) {
        if (value.isEmpty()) {
            errors.putIfAbsent("phone", texts.get("intake.error.phone.missing"));
            return Optional.empty();
        }
        StringBuilder only = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                only.append(c);
            }
        }
        String digits = only.toString();
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            digits = digits.substring(1);
        }
        boolean plusOk = !value.contains("+") || value.strip().startsWith("+1");
        if (!PHONE_CHARS.matcher(value).matches()
                || !plusOk
                || digits.length() != 10
                || digits.charAt(0) < '2'
                || digits.charAt(3) < '2') {
            errors.putIfAbsent("phone", texts.get("intake.error.phone.invalid"));
            return Optional.empty();
        }
        return Optional.of("+1" + digits);
    }

    static String displayPhone(String e164) {
        String d = e164.substring(2);
        return "(" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6);
    }

    String zip(String value, Map<String, String> errors) {
        if (value.isEmpty()) {
            errors.putIfAbsent("zip", texts.get("intake.error.zip.missing"));
            return value;
        }
        Matcher m = ZIP.matcher(value);
        if (!m.matches()) {
            errors.putIfAbsent("zip", texts.get("intake.error.zip.invalid"));
            return value;
        }
        String zip5 = m.group(1);
        if (!zips.exists(zip5)) {
            errors.putIfAbsent("zip", texts.get("intake.error.zip.unknown", zip5));
            return value;
        }
        return m.group(2) == null ? zip5 : zip5 + "-" + m.group(2);
    }

    private static String limit(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
