package dev.shardline.platform.aws;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The request itself, for REST-JSON actions whose members travel in headers or the query, or whose body streams. */
public record AwsRestRequest(HttpServletRequest servletRequest) {

    public String header(String name) {
        return servletRequest.getHeader(name);
    }

    public String query(String name) {
        return servletRequest.getParameter(name);
    }

    /** The body as it arrives (a media upload is read while it is being sent). */
    public InputStream body() {
        try {
            return servletRequest.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
