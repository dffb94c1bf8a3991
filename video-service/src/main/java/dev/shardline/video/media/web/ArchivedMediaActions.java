package dev.shardline.video.media.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.media.ArchivedMedia;
import dev.shardline.video.media.FragmentIndex.FragmentPage;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.media.FragmentView;
import dev.shardline.video.media.playback.web.PlaybackActions;
import dev.shardline.video.stream.StreamSelector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Kinesis Video Streams Archived Media: ListFragments and GetMediaForFragmentList here, the playback actions
 * (GetHLSStreamingSessionURL, GetDASHStreamingSessionURL, GetClip) of the same API from {@link PlaybackActions}, and
 * GetImages from {@link GetImagesAction}.
 */
@Component
public class ArchivedMediaActions implements VideoRoutes {

    private static final int DEFAULT_MAX_RESULTS = 100;

    private final ArchivedMedia archived;
    private final PlaybackActions playback;
    private final GetImagesAction images;

    ArchivedMediaActions(ArchivedMedia archived, PlaybackActions playback, GetImagesAction images) {
        this.archived = archived;
        this.playback = playback;
        this.images = images;
    }

    record TimestampRange(BigDecimal startTimestamp, BigDecimal endTimestamp) {}

    record FragmentSelector(String fragmentSelectorType, TimestampRange timestampRange) {}

    record ListFragmentsRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            Long maxResults,
            String nextToken,
            FragmentSelector fragmentSelector) {}

    record Fragment(
            String fragmentNumber,
            long fragmentSizeInBytes,
            double producerTimestamp,
            double serverTimestamp,
            long fragmentLengthInMilliseconds) {

        static Fragment of(FragmentView f) {
            return new Fragment(
                    f.fragmentNumber(),
                    f.sizeBytes(),
                    f.producerTimestamp().toEpochMilli() / 1000.0,
                    f.serverTimestamp().toEpochMilli() / 1000.0,
                    f.durationMillis());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListFragmentsResponse(List<Fragment> fragments, String nextToken) {}

    record GetMediaForFragmentListRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn, List<String> fragments) {}

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        List<AwsRestRoute<?, ?>> routes = new java.util.ArrayList<>(List.of(
                AwsRestRoute.post("/listFragments", ListFragmentsRequest.class, this::list),
                AwsRestRoute.post("/getMediaForFragmentList", GetMediaForFragmentListRequest.class, this::media)));
        routes.addAll(playback.routes());
        routes.add(images.route());
        return routes;
    }

    private ListFragmentsResponse list(ListFragmentsRequest request, AwsRequestContext context) {
        StreamSelector ref =
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn());
        TimestampKind kind = null;
        Instant from = null;
        Instant to = null;
        if (request.fragmentSelector() != null) {
            kind = TimestampKind.valueOf(request.fragmentSelector().fragmentSelectorType());
            from = instant(request.fragmentSelector().timestampRange().startTimestamp());
            to = instant(request.fragmentSelector().timestampRange().endTimestamp());
        }
        int limit = request.maxResults() == null
                ? DEFAULT_MAX_RESULTS
                : request.maxResults().intValue();
        FragmentPage page = archived.list(ref, kind, from, to, after(request.nextToken()), limit);
        List<Fragment> fragments = page.fragments().stream().map(Fragment::of).toList();
        String next = page.hasMore()
                ? Base64.getEncoder()
                        .encodeToString(fragments
                                .get(fragments.size() - 1)
                                .fragmentNumber()
                                .getBytes(StandardCharsets.US_ASCII))
                : null;
        return new ListFragmentsResponse(fragments, next);
    }

    private ResponseEntity<byte[]> media(GetMediaForFragmentListRequest request, AwsRequestContext context) {
        StreamSelector ref =
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn());
        return ResponseEntity.ok().header("Content-Type", "video/webm").body(archived.media(ref, request.fragments()));
    }

    private static Instant instant(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    private static String after(String token) {
        if (token == null) {
            return null;
        }
        try {
            String number = new String(Base64.getDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!number.matches("[0-9]{1,128}")) {
                throw new IllegalArgumentException(number);
            }
            return number;
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken " + token);
        }
    }
}
