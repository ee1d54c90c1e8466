package io.floe.standalone.server;

import io.floe.engine.json.Json;
import io.floe.standalone.api.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a request it can not read, such as a URL with {@code %00} or an encoded slash, which it
 * refuses before any route sees it) in the API's JSON envelope instead of Jetty's HTML page, so a client always gets
 * a {@code Message} to show, with the {@link SecurityHeaders} every answer has.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json";

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        // the connection's scheme is not known here; HSTS comes with every answer a route or Javalin writes
        SecurityHeaders.apply(fields::put, false, true);
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        SecurityHeaders.apply(response::setHeader, request.isSecure(), true);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body(code, message));
    }

    private static String body(int status, String reason) {
        String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        String hint = status == HttpStatus.BAD_REQUEST_400
                ? ": the request could not be read; check the URL's percent-encoding and the headers" : "";
        return Json.pretty().toJson(new Reply(why + hint, null));
    }
}
