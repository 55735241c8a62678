package io.meridian.config;

/** Turns one scalar's text (after {@code ${ENV}} substitution) into a value or a {@link BadValue}. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text) throws BadValue;
}
