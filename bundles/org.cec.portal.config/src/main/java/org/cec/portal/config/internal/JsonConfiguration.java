package org.cec.portal.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one configuration in the OSGi configuration resource format ({@code <pid>.cfg.json}): a
 * JSON object whose members are the properties. A member name may carry a type,
 * {@code "port:Integer": 8080}, {@code "hosts:String[]": ["a", "b"]} or
 * {@code "ids:Collection<Long>": [1, 2]}; without one, strings stay strings, integral numbers
 * become {@code Long}, others {@code Double}, and arrays of them arrays. {@code //} and
 * {@code /* *\/} comments are allowed.
 */
final class JsonConfiguration {

    private JsonConfiguration() {}

    /** The properties of {@code json}; a clear {@link IllegalArgumentException} when it is not valid. */
    static Hashtable<String, Object> parse(String json) {
        Object root = new JsonReader(json).readDocument();
        if (!(root instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("A configuration file must hold one JSON object");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        for (Map.Entry<?, ?> member : object.entrySet()) {
            String name = (String) member.getKey();
            int colon = name.indexOf(':');
            String key = colon < 0 ? name : name.substring(0, colon);
            String type = colon < 0 ? null : name.substring(colon + 1).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("A property name is empty");
            }
            if (member.getValue() == null) {
                continue;
            }
            properties.put(key, convert(key, member.getValue(), type));
        }
        return properties;
    }

    private static Object convert(String key, Object value, String type) {
        if (type == null) {
            if (value instanceof List<?> list) {
                return untypedArray(key, list);
            }
            if (value instanceof Map) {
                throw new IllegalArgumentException("Property " + key + ": nested objects are not supported");
            }
            return value;
        }
        if (type.endsWith("[]")) {
            String element = type.substring(0, type.length() - 2);
            List<?> list = asList(key, value);
            Object array = Array.newInstance(classOf(key, element), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, scalar(key, list.get(i), element));
            }
            return array;
        }
        if (type.startsWith("Collection<") && type.endsWith(">")) {
            String element = type.substring("Collection<".length(), type.length() - 1);
            Collection<Object> collection = new ArrayList<>();
            for (Object item : asList(key, value)) {
                collection.add(scalar(key, item, element));
            }
            return collection;
        }
        return scalar(key, value, type);
    }

    private static Object untypedArray(String key, List<?> list) {
        if (list.isEmpty() || list.stream().allMatch(String.class::isInstance)) {
            return list.toArray(new String[0]);
        }
        if (list.stream().allMatch(Long.class::isInstance)) {
            return list.toArray(new Long[0]);
        }
        if (list.stream().allMatch(Number.class::isInstance)) {
            return list.stream().map(n -> ((Number) n).doubleValue()).toArray(Double[]::new);
        }
        if (list.stream().allMatch(Boolean.class::isInstance)) {
            return list.toArray(new Boolean[0]);
        }
        throw new IllegalArgumentException("Property " + key + ": an array must hold values of one type");
    }

    private static List<?> asList(String key, Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return List.of(value);
    }

    private static Class<?> classOf(String key, String type) {
        return switch (type) {
            case "String" -> String.class;
            case "Integer", "int" -> Integer.class;
            case "Long", "long" -> Long.class;
            case "Double", "double" -> Double.class;
            case "Float", "float" -> Float.class;
            case "Boolean", "boolean" -> Boolean.class;
            case "Short", "short" -> Short.class;
            case "Byte", "byte" -> Byte.class;
            case "Character", "char" -> Character.class;
            default -> throw new IllegalArgumentException("Property " + key + ": unknown type " + type);
        };
    }

    private static Object scalar(String key, Object value, String type) {
        Class<?> target = classOf(key, type);
        try {
            if (target == String.class) {
                return value instanceof String s ? s : String.valueOf(value);
            }
            if (target == Boolean.class) {
                if (value instanceof Boolean b) {
                    return b;
                }
                String s = String.valueOf(value).toLowerCase(Locale.ROOT);
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.valueOf(s);
            }
            if (target == Character.class) {
                String s = String.valueOf(value);
                if (s.length() != 1) {
                    throw new IllegalArgumentException();
                }
                return s.charAt(0);
            }
            Number n = value instanceof Number num ? num : new java.math.BigDecimal(String.valueOf(value));
            if (target == Double.class) {
                return n.doubleValue();
            }
            if (target == Float.class) {
                return n.floatValue();
            }
            java.math.BigDecimal exact = new java.math.BigDecimal(n.toString());
            if (target == Long.class) {
                return exact.longValueExact();
            }
            if (target == Integer.class) {
                return exact.intValueExact();
            }
            if (target == Short.class) {
                return exact.shortValueExact();
            }
            return exact.byteValueExact();
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Property " + key + ": " + value + " is not a valid " + type);
        }
    }
}
