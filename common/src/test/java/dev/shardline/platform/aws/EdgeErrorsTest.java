package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shape of an error no endpoint answered: the face the request was meant for decides it. */
class EdgeErrorsTest {

    @Test
    void theRestApiAndTheActuatorGetProblemDetails() {
        assertThat(EdgeErrors.render(404, "/v1/streams/a/b/c", "application/json", null)
                        .contentType())
                .isEqualTo("application/problem+json");
        assertThat(EdgeErrors.render(404, "/actuator/nothing", null, null).contentType())
                .isEqualTo("application/problem+json");
    }

    @Test
    void kinesisVideoSignalingsAwsPathsUnderV1GetAwsShapes() {
        EdgeErrors.Rendered rendered = EdgeErrors.render(404, "/v1/get-ice-server-config/", "application/json", null);
        assertThat(rendered.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
        assertThat(new String(rendered.body())).contains("\"__type\":\"UnknownOperationException\"");
        assertThat(EdgeErrors.render(405, "/v1/send-alexa-offer-to-master", null, null)
                        .headers())
                .containsEntry("x-amzn-ErrorType", "UnknownOperationException");
    }
}
