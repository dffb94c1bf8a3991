package dev.shardline.platform.aws;

import java.util.function.BiFunction;

/**
 * One REST-JSON action: its HTTP method and path, the request record its JSON body is read into (or
 * {@link AwsRestRequest} for actions that read headers, the query or a streamed body themselves), and the application
 * call it makes. A handler may answer a record (written as JSON), {@code null} (an empty JSON object), an
 * {@link AwsStreamingResponse} (a body written over time, such as PutMedia's acknowledgements while the media still
 * streams in), or a {@code ResponseEntity} that it has made itself (a playlist, a media stream).
 */
public record AwsRestRoute<I, O>(
        String method, String path, Class<I> inputType, BiFunction<I, AwsRequestContext, O> handler) {

    public static <I, O> AwsRestRoute<I, O> post(
            String path, Class<I> inputType, BiFunction<I, AwsRequestContext, O> handler) {
        return new AwsRestRoute<>("POST", path, inputType, handler);
    }

    public static <I, O> AwsRestRoute<I, O> get(
            String path, Class<I> inputType, BiFunction<I, AwsRequestContext, O> handler) {
        return new AwsRestRoute<>("GET", path, inputType, handler);
    }

    boolean readsRawRequest() {
        return inputType == AwsRestRequest.class;
    }

    O invoke(Object input, AwsRequestContext context) {
        return handler.apply(inputType.cast(input), context);
    }
}
