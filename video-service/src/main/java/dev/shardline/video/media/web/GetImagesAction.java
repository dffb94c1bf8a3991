package dev.shardline.video.media.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.media.ArchivedImages;
import dev.shardline.video.media.ArchivedImages.ImageFormat;
import dev.shardline.video.media.ArchivedImages.ImagePage;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.stream.StreamSelector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Kinesis Video Streams Archived Media: GetImages ({@code POST /getImages}). */
@Component
public class GetImagesAction {

    /** AWS's default page: 100 images. */
    private static final int DEFAULT_MAX_RESULTS = 100;

    private final ArchivedImages images;

    GetImagesAction(ArchivedImages images) {
        this.images = images;
    }

    record GetImagesRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String imageSelectorType,
            BigDecimal startTimestamp,
            BigDecimal endTimestamp,
            Integer samplingInterval,
            String format,
            Map<String, String> formatConfig,
            Integer widthPixels,
            Integer heightPixels,
            Long maxResults,
            String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Image(BigDecimal timeStamp, String error, String imageContent) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GetImagesResponse(List<Image> images, String nextToken) {}

    public AwsRestRoute<?, ?> route() {
        return AwsRestRoute.post("/getImages", GetImagesRequest.class, this::getImages);
    }

    private GetImagesResponse getImages(GetImagesRequest request, AwsRequestContext context) {
        StreamSelector stream =
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn());
        ImagePage page = images.images(new ArchivedImages.Request(
                stream,
                TimestampKind.valueOf(request.imageSelectorType()),
                instant(request.startTimestamp()),
                instant(request.endTimestamp()),
                request.samplingInterval(),
                ImageFormat.valueOf(request.format()),
                jpegQuality(request.formatConfig()),
                request.widthPixels(),
                request.heightPixels(),
                request.maxResults() == null
                        ? DEFAULT_MAX_RESULTS
                        : request.maxResults().intValue(),
                request.nextToken()));
        List<Image> answer = page.images().stream()
                .map(i -> new Image(
                        BigDecimal.valueOf(i.timestamp().toEpochMilli()).movePointLeft(3),
                        i.error(),
                        i.content() == null ? null : Base64.getEncoder().encodeToString(i.content())))
                .toList();
        return new GetImagesResponse(answer, page.nextToken());
    }

    private static Integer jpegQuality(Map<String, String> formatConfig) {
        String quality = formatConfig == null ? null : formatConfig.get("JPEGQuality");
        if (quality == null) {
            return null;
        }
        try {
            return Integer.valueOf(quality);
        } catch (NumberFormatException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "JPEGQuality must be an integer from 1 to 100, got " + quality);
        }
    }

    private static Instant instant(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
}
