package io.meridian.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in a scalar with the environment variable NAME. {@code ${NAME:-text}}
 * uses {@code text} when NAME is unset; {@code $${} stands for a literal {@code ${}; any other
 * {@code $} is literal. An unset variable without a default is an error at that node.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    String apply(String text) throws BadValue {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw BadValue.expected(text, "a closing } after ${");
                }
                out.append(lookup(text, text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String lookup(String text, String reference) throws BadValue {
        int dash = reference.indexOf(":-");
        String name = dash < 0 ? reference : reference.substring(0, dash);
        if (!NAME.matcher(name).matches()) {
            throw BadValue.expected(text, "${NAME} with NAME made of letters, digits and _");
        }
        String value = env.get(name);
        if (value != null) {
            return value;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        throw new BadValue(show(text) + " (environment variable " + name + " is not set)");
    }

    private static String show(String text) {
        return BadValue.show(text);
    }
}
