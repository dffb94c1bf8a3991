package dev.shardline.platform.aws;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last word on a failed request that never reached Spring (a malformed request line or header, a transfer
 * coding it does not support): the error in the face's own shape ({@link EdgeErrors}) instead of Tomcat's HTML page.
 */
public class EdgeErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        EdgeErrors.Rendered rendered =
                EdgeErrors.render(status, request.getRequestURI(), request.getContentType(), null);
        try {
            response.resetBuffer();
            rendered.headers().forEach(response::setHeader);
            response.setContentType(rendered.contentType());
            response.setContentLength(rendered.body().length);
            OutputStream out = response.getOutputStream();
            out.write(rendered.body());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing more to tell it.
        }
    }
}
