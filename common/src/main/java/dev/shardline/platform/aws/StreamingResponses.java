package dev.shardline.platform.aws;

import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Puts an {@link AwsStreamingResponse} on a servlet async response. A {@link ResponseBodyEmitter} holds no thread while
 * the stream is quiet (a streaming body would hold one of Spring MVC's few async threads for the whole stream) and
 * flushes after every write.
 */
final class StreamingResponses {

    private StreamingResponses() {}

    static ResponseBodyEmitter start(
            AwsStreamingResponse response, AwsWireFormat wire, String requestId, String requestIdHeader) {
        MediaType contentType = MediaType.parseMediaType(response.contentType());
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(response.timeout().toMillis()) {
            @Override
            protected void extendResponse(ServerHttpResponse outputMessage) {
                outputMessage.getHeaders().set(requestIdHeader, requestId);
                outputMessage.getHeaders().setContentType(contentType);
            }
        };
        response.start(wire, new EmitterSink(emitter));
        return emitter;
    }

    private record EmitterSink(ResponseBodyEmitter emitter) implements AwsStreamingResponse.Sink {

        @Override
        public void write(byte[] bytes) throws IOException {
            try {
                // Octet-stream picks the byte-array converter, which writes the bytes as they are.
                emitter.send(bytes, MediaType.APPLICATION_OCTET_STREAM);
            } catch (IllegalStateException completed) {
                throw new IOException("The response has ended", completed);
            }
        }

        @Override
        public void complete() {
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // Ended by a timeout or the client in the meantime.
            }
        }

        @Override
        public void onClose(Runnable callback) {
            emitter.onCompletion(callback);
            emitter.onTimeout(callback);
            emitter.onError(error -> callback.run());
        }
    }
}
