package dev.shardline.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.video.VideoIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.AccountChannelLimitExceededException;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelInfo;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelType;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ListSignalingChannelsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceEndpointListItem;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.Tag;
import software.amazon.awssdk.services.kinesisvideo.model.TagsPerResourceExceededLimitException;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;
import software.amazon.awssdk.services.kinesisvideosignaling.model.GetIceServerConfigResponse;
import software.amazon.awssdk.services.kinesisvideosignaling.model.Service;
import tools.jackson.databind.JsonNode;

/**
 * Signaling channels through the official AWS SDK v2 clients: the control plane (KinesisVideoClient) with its limits
 * and errors, and the signaling channel's HTTPS actions (KinesisVideoSignalingClient).
 */
class SignalingChannelActionsTest extends VideoIntegrationTest {

    private static final String CHANNEL_ACCOUNT = "444455556666";

    private KinesisVideoClient video;

    @BeforeEach
    void client() {
        video = video(CHANNEL_ACCOUNT);
    }

    @Test
    void createSignalingChannelIsActiveWithAwsDefaultsAndDescribesByNameOrArn() {
        String name = uniqueName("door");
        Instant before = Instant.now().minusSeconds(1);
        String arn = video.createSignalingChannel(r -> r.channelName(name)).channelARN();

        assertThat(arn).matches("arn:aws:kinesisvideo:eu-west-1:" + CHANNEL_ACCOUNT + ":channel/" + name + "/\\d{13}");
        ChannelInfo info =
                video.describeSignalingChannel(r -> r.channelName(name)).channelInfo();
        assertThat(info.channelARN()).isEqualTo(arn);
        assertThat(info.channelName()).isEqualTo(name);
        assertThat(info.channelType()).isEqualTo(ChannelType.SINGLE_MASTER);
        assertThat(info.channelStatus()).isEqualTo(Status.ACTIVE);
        assertThat(info.singleMasterConfiguration().messageTtlSeconds()).isEqualTo(60);
        assertThat(info.version()).matches("[a-zA-Z0-9]{20}");
        assertThat(info.creationTime()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(arn).endsWith("/" + info.creationTime().toEpochMilli());
        assertThat(video.describeSignalingChannel(r -> r.channelARN(arn)).channelInfo())
                .isEqualTo(info);
    }

    @Test
    void messageTtlSecondsLiesWithinFiveAndOneHundredTwenty() {
        String shortest = uniqueName("ttl");
        video.createSignalingChannel(
                r -> r.channelName(shortest).singleMasterConfiguration(c -> c.messageTtlSeconds(5)));
        assertThat(video.describeSignalingChannel(r -> r.channelName(shortest))
                        .channelInfo()
                        .singleMasterConfiguration()
                        .messageTtlSeconds())
                .isEqualTo(5);
        video.createSignalingChannel(
                r -> r.channelName(uniqueName("ttl")).singleMasterConfiguration(c -> c.messageTtlSeconds(120)));

        assertThatThrownBy(() -> video.createSignalingChannel(
                        r -> r.channelName(uniqueName("ttl")).singleMasterConfiguration(c -> c.messageTtlSeconds(4))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("1 validation error detected: Value '4' at"
                        + " 'singleMasterConfiguration.messageTtlSeconds' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to 5");
        assertThatThrownBy(() -> video.createSignalingChannel(
                        r -> r.channelName(uniqueName("ttl")).singleMasterConfiguration(c -> c.messageTtlSeconds(121))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("less than or equal to 120");
    }

    @Test
    void aChannelNameIsUniqueAndOnlySingleMasterChannelsAreServed() {
        String name = uniqueName("dup");
        video.createSignalingChannel(r -> r.channelName(name));
        assertThatThrownBy(() -> video.createSignalingChannel(r -> r.channelName(name)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> video.createSignalingChannel(r -> r.channelName("has space")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> video.createSignalingChannel(
                        r -> r.channelName(uniqueName("mesh")).channelType(ChannelType.FULL_MESH)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("SINGLE_MASTER");
        assertThatThrownBy(() -> video.describeSignalingChannel(r -> r.channelName(uniqueName("none"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e ->
                        assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void listSignalingChannelsFiltersByNamePrefixAndPages() {
        String prefix = uniqueName("list") + "-";
        for (int i = 0; i < 5; i++) {
            int n = i;
            video.createSignalingChannel(r -> r.channelName(prefix + n));
        }
        video.createSignalingChannel(r -> r.channelName(uniqueName("other")));

        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListSignalingChannelsResponse page = video.listSignalingChannels(r -> r.maxResults(2)
                    .nextToken(next)
                    .channelNameCondition(c ->
                            c.comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue(prefix)));
            page.channelInfoList().forEach(c -> names.add(c.channelName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(names).containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
        assertThat(pages).isEqualTo(3);
        assertThat(video.listSignalingChannelsPaginator(r -> r.maxResults(1)).channelInfoList().stream()
                        .map(ChannelInfo::channelName))
                .contains(prefix + 0, prefix + 4);
    }

    @Test
    void updateAndDeleteCheckTheCurrentVersion() {
        String name = uniqueName("upd");
        String arn = video.createSignalingChannel(r -> r.channelName(name)).channelARN();
        String version = video.describeSignalingChannel(r -> r.channelARN(arn))
                .channelInfo()
                .version();

        assertThatThrownBy(() -> video.updateSignalingChannel(r -> r.channelARN(arn)
                        .currentVersion("stale" + version.substring(5))
                        .singleMasterConfiguration(c -> c.messageTtlSeconds(30))))
                .isInstanceOf(VersionMismatchException.class);
        video.updateSignalingChannel(
                r -> r.channelARN(arn).currentVersion(version).singleMasterConfiguration(c -> c.messageTtlSeconds(30)));
        ChannelInfo updated =
                video.describeSignalingChannel(r -> r.channelARN(arn)).channelInfo();
        assertThat(updated.singleMasterConfiguration().messageTtlSeconds()).isEqualTo(30);
        assertThat(updated.version()).isNotEqualTo(version);

        assertThatThrownBy(() ->
                        video.deleteSignalingChannel(r -> r.channelARN(arn).currentVersion(version)))
                .isInstanceOf(VersionMismatchException.class);
        video.deleteSignalingChannel(r -> r.channelARN(arn).currentVersion(updated.version()));
        assertThatThrownBy(() -> video.describeSignalingChannel(r -> r.channelARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> video.deleteSignalingChannel(r -> r.channelARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        // the name is free again, and the new channel's ARN is not the old one's
        String again = video.createSignalingChannel(r -> r.channelName(name)).channelARN();
        assertThat(again).isNotEqualTo(arn);
    }

    @Test
    void aChannelArnOfAnotherAccountNamesNoChannel() {
        String arn = video.createSignalingChannel(r -> r.channelName(uniqueName("mine")))
                .channelARN();
        assertThatThrownBy(() -> video(ACCOUNT).describeSignalingChannel(r -> r.channelARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void getSignalingChannelEndpointAnswersTheWebSocketAndHttpsEndpoints() {
        String arn = video.createSignalingChannel(r -> r.channelName(uniqueName("ep")))
                .channelARN();
        for (ChannelRole role : List.of(ChannelRole.MASTER, ChannelRole.VIEWER)) {
            List<ResourceEndpointListItem> endpoints = video.getSignalingChannelEndpoint(r -> r.channelARN(arn)
                            .singleMasterChannelEndpointConfiguration(
                                    c -> c.protocols(ChannelProtocol.WSS, ChannelProtocol.HTTPS)
                                            .role(role)))
                    .resourceEndpointList();
            assertThat(endpoints)
                    .extracting(ResourceEndpointListItem::protocol, ResourceEndpointListItem::resourceEndpoint)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    ChannelProtocol.WSS, "ws://127.0.0.1:" + port + "/kvs-webrtc"),
                            org.assertj.core.groups.Tuple.tuple(ChannelProtocol.HTTPS, "http://127.0.0.1:" + port));
        }
        assertThatThrownBy(() -> video.getSignalingChannelEndpoint(r -> r.channelARN(arn)
                        .singleMasterChannelEndpointConfiguration(c -> c.protocols(ChannelProtocol.WEBRTC))))
                .isInstanceOf(InvalidArgumentException.class);
        String unknown = arn.replaceFirst("/\\d+$", "/1");
        assertThatThrownBy(() -> video.getSignalingChannelEndpoint(r -> r.channelARN(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void channelsAreTaggedByTheirArnUpToFiftyTags() {
        String arn = video.createSignalingChannel(r -> r.channelName(uniqueName("tag"))
                        .tags(Tag.builder().key("site").value("lab").build()))
                .channelARN();
        video.tagResource(r ->
                r.resourceARN(arn).tags(Tag.builder().key("floor").value("2").build()));
        assertThat(video.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("site", "lab", "floor", "2"));
        video.untagResource(r -> r.resourceARN(arn).tagKeyList("site"));
        assertThat(video.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("floor", "2"));

        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> video.tagResource(r -> r.resourceARN(arn).tags(many)))
                .isInstanceOf(TagsPerResourceExceededLimitException.class);
        String gone = arn.replaceFirst("/\\d+$", "/1");
        assertThatThrownBy(() -> video.listTagsForResource(r -> r.resourceARN(gone)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anAccountHasAtMostItsLimitOfChannels() {
        KinesisVideoClient fresh = video("555566667777");
        for (int i = 0; i < STREAM_LIMIT; i++) {
            int n = i;
            fresh.createSignalingChannel(r -> r.channelName("limit-" + n));
        }
        assertThatThrownBy(() -> fresh.createSignalingChannel(r -> r.channelName("one-too-many")))
                .isInstanceOf(AccountChannelLimitExceededException.class);
    }

    @Test
    void getIceServerConfigAnswersNoServersOnALanByDefault() {
        String arn = video.createSignalingChannel(r -> r.channelName(uniqueName("ice")))
                .channelARN();
        GetIceServerConfigResponse config = signaling()
                .getIceServerConfig(r -> r.channelARN(arn).clientId("viewer-1").service(Service.TURN));
        assertThat(config.iceServerList()).isEmpty();
        String unknown = arn.replaceFirst("/\\d+$", "/1");
        assertThatThrownBy(() -> signaling().getIceServerConfig(r -> r.channelARN(unknown)))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisvideosignaling.model.ResourceNotFoundException.class);
    }

    @Test
    void sendAlexaOfferToMasterRelaysTheOfferAndAnswersWithTheMastersAnswer() throws Exception {
        String arn = video.createSignalingChannel(r -> r.channelName(uniqueName("alexa")))
                .channelARN();
        String wss = "ws://127.0.0.1:" + port + "/kvs-webrtc";
        try (SignalingSocket master =
                SignalingSocket.connect(SignalingSocket.presign(wss, arn, null, CHANNEL_ACCOUNT))) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
                try {
                    JsonNode offer = master.next();
                    assertThat(offer.get("senderClientId").asString()).isEqualTo("alexa-1");
                    assertThat(SignalingSocket.decoded(offer)).isEqualTo("alexa's offer");
                    master.send("SDP_ANSWER", "the master's answer", "alexa-1", null);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            String answer = signaling()
                    .sendAlexaOfferToMaster(r -> r.channelARN(arn)
                            .senderClientId("alexa-1")
                            .messagePayload(SignalingSocket.base64("alexa's offer")))
                    .answer();
            answering.join();
            assertThat(answer).isEqualTo(SignalingSocket.base64("the master's answer"));
        }
        // no master: no answer within the timeout
        assertThatThrownBy(() -> signaling()
                        .sendAlexaOfferToMaster(r -> r.channelARN(arn)
                                .senderClientId("alexa-2")
                                .messagePayload(SignalingSocket.base64("offer"))))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisvideosignaling.model.ResourceNotFoundException.class)
                .hasMessageContaining("did not answer");
    }

    private KinesisVideoSignalingClient signaling() {
        return KinesisVideoSignalingClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(CHANNEL_ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
