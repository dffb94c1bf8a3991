package dev.shardline.platform.aws;

import java.util.function.BiFunction;

/**
 * One AWS action ({@code X-Amz-Target: Prefix.Name}): the request record it reads and the application call it makes.
 */
public record AwsAction<I, O>(String name, Class<I> inputType, BiFunction<I, AwsRequestContext, O> handler) {

    public static <I, O> AwsAction<I, O> of(
            String name, Class<I> inputType, BiFunction<I, AwsRequestContext, O> handler) {
        return new AwsAction<>(name, inputType, handler);
    }

    O invoke(Object input, AwsRequestContext context) {
        return handler.apply(inputType.cast(input), context);
    }
}
