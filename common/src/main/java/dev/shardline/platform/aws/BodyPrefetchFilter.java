package dev.shardline.platform.aws;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each request body whole, without blocking a worker thread, before the request goes on to its handler: a client
 * that sends its body one byte at a time holds a connection and the bytes it sent, not one of Tomcat's few threads, so
 * it cannot keep health checks and PutRecords waiting. The body is read with servlet non-blocking IO and the request
 * dispatched again once it is in (Tomcat tells how many bytes are buffered only as "none" or "some", so even a body
 * that came with its headers takes that path). The body is refused with 413 in the API's own shape as soon as it passes its cap (by its declared length,
 * before any of it is read), and with a fast 503 when all bodies being held together would pass the memory budget.
 *
 * <p>Bodies that a handler streams itself (PutMedia's endless upload) are left alone: their reads block as before,
 * with Tomcat's idle timeout between bytes.
 */
class BodyPrefetchFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BodyPrefetchFilter.class);
    private static final String BODY = BodyPrefetchFilter.class.getName() + ".body";
    private static final int CHUNK = 16 * 1024;

    private final AwsProperties aws;
    private final EdgeProperties edge;
    private final BiPredicate<String, String> streamsItsBody;
    private final AtomicLong buffered = new AtomicLong();

    /**
     * @param streamsItsBody whether the handler at (method, path) reads its body itself, as it arrives
     */
    BodyPrefetchFilter(AwsProperties aws, EdgeProperties edge, BiPredicate<String, String> streamsItsBody) {
        this.aws = aws;
        this.edge = edge;
        this.streamsItsBody = streamsItsBody;
    }

    /** Body bytes held right now by requests being read or handled. */
    long bufferedBytes() {
        return buffered.get();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // the dispatch that follows the body's arrival is where the handler runs
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            Object body = request.getAttribute(BODY);
            if (body instanceof Body arrived) {
                request.removeAttribute(BODY);
                try {
                    chain.doFilter(new BodyRequest(request, arrived), response);
                } finally {
                    buffered.addAndGet(-arrived.length());
                }
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!mayHaveBody(request)
                || streamsItsBody.test(request.getMethod(), request.getRequestURI())
                || isConsoleForm(request)) {
            chain.doFilter(request, response);
            return;
        }
        long cap = capFor(request);
        long declared = request.getContentLengthLong();
        if (declared > cap) {
            tooLarge(request, response, cap);
            return;
        }
        ServletInputStream in = request.getInputStream();
        AsyncContext async = request.startAsync();
        async.setTimeout(edge.bodyTimeout().toMillis());
        Reader reader = new Reader(request, response, async, in, cap, declared);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /**
     * The web console's forms are small and URL-encoded: the container parses them into request parameters, which a
     * body read ahead would leave empty (Tomcat's own form size limit applies).
     */
    private static boolean isConsoleForm(HttpServletRequest request) {
        String path = request.getRequestURI();
        return (path.equals("/console") || path.startsWith("/console/"))
                && request.getContentType() != null
                && request.getContentType().startsWith("application/x-www-form-urlencoded");
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length == 0) {
            return false;
        }
        if (length > 0 || request.getHeader("Transfer-Encoding") != null) {
            return true;
        }
        // HTTP/2 needs no length: a request with a body and no content-length is possible there
        String method = request.getMethod();
        return request.getProtocol().startsWith("HTTP/2") && !method.equals("GET") && !method.equals("HEAD");
    }

    private long capFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/v1") || path.startsWith("/v1/")
                ? edge.maxRestRequestSize().toBytes()
                : aws.maxRequestSize().toBytes();
    }

    private boolean reserve(long bytes) {
        long max = edge.maxBufferedRequestBytes().toBytes();
        while (true) {
            long now = buffered.get();
            if (now + bytes > max) {
                return false;
            }
            if (buffered.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long cap)
            throws IOException {
        log.debug("Request body on {} passes its cap of {} bytes", request.getRequestURI(), cap);
        respond(request, response, 413, "Request body exceeds the maximum request size of " + cap + " bytes", true);
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.debug("Request bodies held pass the memory budget: {} answered 503", request.getRequestURI());
        response.setHeader("Retry-After", "1");
        respond(
                request,
                response,
                503,
                "The service is reading too many request bodies at once. Retry the request.",
                true);
    }

    /** An answer from the edge; {@code close} ends an HTTP/1.1 connection whose body was not read to its end. */
    private static void respond(
            HttpServletRequest request, HttpServletResponse response, int status, String detail, boolean close)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        EdgeErrors.Rendered rendered =
                EdgeErrors.render(status, request.getRequestURI(), request.getContentType(), detail);
        response.setStatus(rendered.status());
        rendered.headers().forEach(response::setHeader);
        if (close && request.getProtocol().startsWith("HTTP/1")) {
            response.setHeader("Connection", "close");
        }
        response.setContentType(rendered.contentType());
        response.setContentLength(rendered.body().length);
        response.getOutputStream().write(rendered.body());
        response.flushBuffer();
    }

    /** Reads one body as it arrives, on whichever container thread has data for it. */
    private final class Reader implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ServletInputStream in;
        private final long cap;
        private final Growing bytes;
        private final byte[] chunk = new byte[CHUNK];
        private final AtomicBoolean over = new AtomicBoolean();
        private long reserved;

        Reader(
                HttpServletRequest request,
                HttpServletResponse response,
                AsyncContext async,
                ServletInputStream in,
                long cap,
                long declared) {
            this.request = request;
            this.response = response;
            this.async = async;
            this.in = in;
            this.cap = cap;
            // never sized by the declared length alone: a client may declare megabytes and send one byte
            this.bytes = new Growing((int) Math.min(CHUNK, declared < 0 ? CHUNK : declared));
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!over.get() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                if (bytes.size() + n > cap) {
                    end(() -> tooLarge(request, response, cap));
                    return;
                }
                if (!reserve(n)) {
                    end(() -> unavailable(request, response));
                    return;
                }
                reserved += n;
                bytes.write(chunk, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (over.compareAndSet(false, true)) {
                request.setAttribute(BODY, new Body(bytes.buffer(), bytes.size()));
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            log.debug("Request body on {} did not arrive: {}", request.getRequestURI(), String.valueOf(t));
            end(() -> {
                if (t instanceof SocketTimeoutException) {
                    respond(request, response, 408, "The request body did not arrive in time", true);
                }
            });
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (request.getAttribute(BODY) == null && !over.get()) {
                log.debug("Request body on {} took longer than {}", request.getRequestURI(), edge.bodyTimeout());
            }
            end(() -> respond(request, response, 408, "The request body did not arrive in time", true));
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void end(Answer answer) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            buffered.addAndGet(-reserved);
            try {
                answer.write();
            } catch (IOException | IllegalStateException gone) {
                // the client is gone: nothing more to tell it
            } finally {
                async.complete();
            }
        }
    }

    @FunctionalInterface
    private interface Answer {
        void write() throws IOException;
    }

    /** The body's bytes, kept in the buffer they were read into. */
    private record Body(byte[] bytes, int length) {}

    /** A byte array output stream whose buffer is handed on without a copy. */
    private static final class Growing extends ByteArrayOutputStream {
        Growing(int size) {
            super(size);
        }

        byte[] buffer() {
            return buf;
        }
    }

    /** {@code request} with {@code body}, already read (for a signature, say), to be read again from memory. */
    static HttpServletRequest withBody(HttpServletRequest request, byte[] body) {
        return new BodyRequest(request, new Body(body, body.length));
    }

    /** The request as its handler sees it: the body from memory. */
    private static final class BodyRequest extends HttpServletRequestWrapper {

        private final Body body;

        BodyRequest(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body.bytes(), 0, body.length());
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length();
        }

        @Override
        public long getContentLengthLong() {
            return body.length();
        }
    }
}
