package dev.shardline.platform.error;

/**
 * The closed catalogue of errors that Shardline puts on the AWS wire. Each type knows its {@code __type} and HTTP
 * status; {@link dev.shardline.platform.aws.AwsProtocolEndpoint} renders them in one place.
 */
public enum AwsErrorType {
    VALIDATION("ValidationException", 400),
    SERIALIZATION("SerializationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    // SigV4 verification (shardline.security.mode=enforce): an unknown access key, a malformed signature.
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    // Firehose: UpdateDestination with a stale CurrentDeliveryStreamVersionId.
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    // Firehose: a KMS key that cannot encrypt the delivery stream (KMS's not found, disabled, ... passed on).
    INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400),
    // DynamoDB, as far as the Kinesis Client Library's lease store speaks it: a condition on a write that did not hold.
    CONDITIONAL_CHECK_FAILED("ConditionalCheckFailedException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    // What the key service answers, as Kinesis passes KMS's errors on to its callers.
    KMS_NOT_FOUND("KMSNotFoundException", 400),
    KMS_DISABLED("KMSDisabledException", 400),
    KMS_INVALID_STATE("KMSInvalidStateException", 400),
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400),
    KMS_OPT_IN_REQUIRED("KMSOptInRequired", 400),
    KMS_THROTTLING("KMSThrottlingException", 400),
    // CloudWatch PutMetricData (for the KCL's metrics): the Smithy shape names, as the JSON and CBOR protocols write
    // __type; the query protocol's codes (InvalidParameterValue, ...) come from the CloudWatch endpoint's own mapping.
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    MISSING_PARAMETER("MissingRequiredParameterException", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombinationException", 400),
    INVALID_ACTION("InvalidAction", 400),
    // Managed Service for Apache Flink (KinesisAnalytics_20180523).
    CODE_VALIDATION("CodeValidationException", 400),
    INVALID_APPLICATION_CONFIGURATION("InvalidApplicationConfigurationException", 400),
    INVALID_REQUEST("InvalidRequestException", 400),
    RESOURCE_PROVISIONED_THROUGHPUT_EXCEEDED("ResourceProvisionedThroughputExceededException", 400),
    TOO_MANY_TAGS("TooManyTagsException", 400),
    UNABLE_TO_DETECT_SCHEMA("UnableToDetectSchemaException", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
    // Kinesis Video Streams (REST-JSON; a service answers some of these with its own status, see
    // AwsRestJsonService.httpStatus: ResourceNotFoundException 404, AccessDenied/NotAuthorized 401).
    ACCOUNT_CHANNEL_LIMIT_EXCEEDED("AccountChannelLimitExceededException", 400),
    ACCOUNT_STREAM_LIMIT_EXCEEDED("AccountStreamLimitExceededException", 400),
    CLIENT_LIMIT_EXCEEDED("ClientLimitExceededException", 400),
    DEVICE_STREAM_LIMIT_EXCEEDED("DeviceStreamLimitExceededException", 400),
    INVALID_DEVICE("InvalidDeviceException", 400),
    INVALID_RESOURCE_FORMAT("InvalidResourceFormatException", 400),
    NO_DATA_RETENTION("NoDataRetentionException", 400),
    NOT_AUTHORIZED("NotAuthorizedException", 401),
    STREAM_EDGE_CONFIGURATION_NOT_FOUND("StreamEdgeConfigurationNotFoundException", 404),
    TAGS_PER_RESOURCE_EXCEEDED_LIMIT("TagsPerResourceExceededLimitException", 400),
    VERSION_MISMATCH("VersionMismatchException", 400),
    CONNECTION_LIMIT_EXCEEDED("ConnectionLimitExceededException", 400),
    INVALID_ENDPOINT("InvalidEndpointException", 400),
    INVALID_CODEC_PRIVATE_DATA("InvalidCodecPrivateDataException", 400),
    INVALID_MEDIA_FRAME("InvalidMediaFrameException", 400),
    MISSING_CODEC_PRIVATE_DATA("MissingCodecPrivateDataException", 400),
    UNSUPPORTED_STREAM_MEDIA_TYPE("UnsupportedStreamMediaTypeException", 400),
    INVALID_CLIENT("InvalidClientException", 400),
    SESSION_EXPIRED("SessionExpiredException", 400),
    // Errors at the edge, before a request reaches an action: a body that stopped arriving, one too large, a
    // transfer coding the server does not support.
    REQUEST_TIMEOUT("RequestTimeoutException", 408),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    NOT_IMPLEMENTED("NotImplementedException", 501),
    INTERNAL_FAILURE("InternalFailure", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    /** Firehose's name for it (PutRecordBatch's per-record ErrorCode). */
    SERVICE_UNAVAILABLE_EXCEPTION("ServiceUnavailableException", 503);

    private final String type;
    private final int httpStatus;

    AwsErrorType(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    /** The {@code __type} on the wire. */
    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public AwsException exception(String message) {
        return new AwsException(this, message);
    }
}
