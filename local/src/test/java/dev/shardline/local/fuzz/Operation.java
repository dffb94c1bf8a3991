package dev.shardline.local.fuzz;

/**
 * One operation the fuzzer can call: an AWS action (JSON 1.1 with {@code X-Amz-Target}, or REST-JSON by path) or a
 * {@code /v1} REST operation from the OpenAPI document.
 *
 * @param service the AWS service id ({@code Kinesis}) or {@code v1}
 * @param protocol {@code json}, {@code rest-json} or {@code openapi}
 * @param target the {@code X-Amz-Target} prefix for JSON 1.1, else null
 * @param path the request path (for {@code /v1} with {@code {name}} placeholders)
 * @param input what generates a valid-shaped body (null when the operation takes none)
 */
record Operation(
        String service, String protocol, String target, String name, String method, String path, Shapes.Input input) {

    String label() {
        return service + "." + name;
    }

    boolean isAwsJson() {
        return "json".equals(protocol);
    }
}
