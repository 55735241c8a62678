package io.meridian.director.http;

import java.util.List;

/** An API failure with its HTTP status; rendered as {@code {"error": "..."}} by {@link HttpFrontend}. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    /** For a 409 of the safety rule: the profiles the change would strand; null otherwise. */
    private final transient List<String> profiles;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    ApiError(int status, String message, List<String> profiles) {
        super(message, null, false, false);
        this.status = status;
        this.profiles = profiles == null ? null : List.copyOf(profiles);
    }

    int status() {
        return status;
    }

    List<String> profiles() {
        return profiles;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
