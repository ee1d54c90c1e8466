package io.floe.standalone.api;

/** Ends a request with an HTTP status and a message for the {@link Reply} envelope. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Object payload;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, Object payload) {
        super(message);
        this.status = status;
        this.payload = payload;
    }

    public int status() {
        return status;
    }

    public Object payload() {
        return payload;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what);
    }

    public static ApiException badRequest(String what) {
        return new ApiException(400, what);
    }
}
