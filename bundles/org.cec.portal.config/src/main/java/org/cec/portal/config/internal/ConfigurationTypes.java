package org.cec.portal.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks configuration values against the metatype of the component that will receive them (its
 * {@code @ObjectClassDefinition}), before they are applied: a value that cannot be converted to the
 * declared type ({@code "lots"} for an {@code int}) would make the component fail to activate, and its
 * pages would silently disappear. The check is the metatype's own ({@link AttributeDefinition#validate}),
 * which also knows the allowed options and bounds.
 */
final class ConfigurationTypes {

    /** A property whose value the component cannot take. */
    record Problem(String property, String expected, String value, String reason) {
        String describe() {
            // the metatype's "invalid value" says no more than "must be"; its other reasons (bounds, options) do
            boolean more = !reason.isEmpty() && !reason.equalsIgnoreCase("invalid value");
            return "property '" + property + "' must be " + expected + ", not " + value
                    + (more ? " (" + reason + ")" : "");
        }
    }

    private static final int MAX_VALUE_SHOWN = 60;

    private ConfigurationTypes() {}

    /**
     * The problems of {@code properties} for {@code pid} (a factory PID for factory configurations),
     * judged by the first bundle whose metatype describes that PID; none when no bundle does.
     */
    static List<Problem> check(
            MetaTypeService metaType, Bundle[] bundles, String pid, boolean factory, Dictionary<String, ?> properties) {
        Optional<ObjectClassDefinition> ocd = find(metaType, bundles, pid, factory);
        if (ocd.isEmpty()) {
            return List.of();
        }
        AttributeDefinition[] attributes = ocd.get().getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (attributes == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (AttributeDefinition ad : attributes) {
            Object value = properties.get(ad.getID());
            if (value == null || anyTextWillDo(ad)) {
                continue;
            }
            for (Object element : elements(value)) {
                String text = String.valueOf(element);
                String invalid = ad.validate(text);
                if (invalid != null && !invalid.isEmpty()) {
                    problems.add(new Problem(ad.getID(), typeName(ad), shown(text), invalid));
                    break;
                }
            }
        }
        return problems;
    }

    private static Optional<ObjectClassDefinition> find(
            MetaTypeService metaType, Bundle[] bundles, String pid, boolean factory) {
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation info;
            try {
                info = metaType.getMetaTypeInformation(b);
            } catch (IllegalArgumentException | IllegalStateException gone) {
                continue; // a fragment, or a bundle being uninstalled
            }
            if (info == null) {
                continue;
            }
            String[] pids = factory ? info.getFactoryPids() : info.getPids();
            if (pids != null && List.of(pids).contains(pid)) {
                try {
                    return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
                } catch (IllegalArgumentException noDefinition) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A text without a list of options takes any value (and an empty one is the component's to judge). */
    private static boolean anyTextWillDo(AttributeDefinition ad) {
        boolean text = ad.getType() == AttributeDefinition.STRING || ad.getType() == AttributeDefinition.PASSWORD;
        return text && (ad.getOptionValues() == null || ad.getOptionValues().length == 0);
    }

    private static List<Object> elements(Object value) {
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return List.of(value);
    }

    private static String typeName(AttributeDefinition ad) {
        String type =
                switch (ad.getType()) {
                    case AttributeDefinition.INTEGER -> "an integer";
                    case AttributeDefinition.LONG -> "a long integer";
                    case AttributeDefinition.SHORT -> "a short integer";
                    case AttributeDefinition.BYTE -> "a byte";
                    case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
                    case AttributeDefinition.BOOLEAN -> "true or false";
                    case AttributeDefinition.CHARACTER -> "one character";
                    default -> "a text";
                };
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0) {
            type += " out of " + String.join(", ", options);
        }
        return ad.getCardinality() == 0 ? type : "a list of " + type.replaceFirst("^(an?|one) ", "") + " values";
    }

    private static String shown(String value) {
        String v = value.length() <= MAX_VALUE_SHOWN ? value : value.substring(0, MAX_VALUE_SHOWN) + "…";
        return "\"" + v.replace("\n", "\\n") + "\"";
    }
}
