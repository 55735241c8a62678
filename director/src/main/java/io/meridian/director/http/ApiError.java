package io.meridian.director.http;

/** An API failure with its HTTP status; rendered as {@code {"error": "..."}} by {@link HttpFrontend}. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
