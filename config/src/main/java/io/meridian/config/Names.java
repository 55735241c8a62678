package io.meridian.config;

/** Profile and endpoint names: they appear in URLs ({@code /api/v1/profiles/{name}}) and metric labels. */
final class Names {
    private Names() {
    }

    static String parse(String text) throws BadValue {
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw BadValue.expected(text, "1..63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return text;
    }
}
