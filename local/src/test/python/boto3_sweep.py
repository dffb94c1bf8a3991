#!/usr/bin/env python3
"""Every Kinesis and Firehose operation of boto3, as a user runs it, against a running Shardline.

Usage: boto3_sweep.py ENDPOINT_URL S3_ENDPOINT_URL [CONFORMANCE_DIR]

The clients are boto3's at their defaults: only the endpoint, the region and dummy credentials are set. Each
operation of ``client.meta.service_model.operation_names`` is called on resources of the script's own, and its answer
is checked beyond "no exception" (members present, records read back equal to what was put, paginators). Operations
that Shardline deliberately does not offer are listed in NOT_OFFERED with the reason; they must answer
UnknownOperationException, as AWS answers an action it does not know. Last, a few malformed calls that boto3 lets
through once its client-side validation is off are compared with AWS's recorded answers (the conformance tables
under CONFORMANCE_DIR, by default the repository's).

Prints one line per check (OK or FAIL with the error) and a summary per operation; exits 1 if anything failed.
"""

import base64
import datetime
import json
import os
import re
import sys
import threading
import time
import traceback
import uuid

import boto3
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
S3_ENDPOINT = sys.argv[2]
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
CONFORMANCE = sys.argv[3] if len(sys.argv) > 3 else REPO
REGION = "us-east-1"
ACCOUNT = "000000000000"  # the all-in-one runtime's account for credentials it does not know

NOT_OFFERED = {
    "kinesis": {
        "DescribeAccountSettings": "the account's minimum throughput billing commitment: Shardline bills nothing",
        "UpdateAccountSettings": "the account's minimum throughput billing commitment: Shardline bills nothing",
        "UpdateStreamWarmThroughput": "warm throughput of on-demand streams (pre-provisioned capacity) is not "
        "modelled; on-demand streams take their throughput limits from their shard count",
    },
    "firehose": {},
}

RUN = uuid.uuid4().hex[:8]
results = []  # (service, operation, ok)


def client(service, endpoint=ENDPOINT, config=None):
    extra = {"config": config} if config else {}
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="x",
        **extra,
    )


def step(service, operation, what, action):
    """Runs one check; prints OK or FAIL; returns the action's value (None when it failed)."""
    try:
        value = action()
        results.append((service, operation, True))
        print(f"OK   {service} {operation}: {what}", flush=True)
        return value
    except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the sweep
        results.append((service, operation, False))
        detail = str(e) if isinstance(e, (ClientError, AssertionError)) else traceback.format_exc(limit=3)
        print(f"FAIL {service} {operation}: {what}: {type(e).__name__}: {detail}", flush=True)
        return None


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def until(what, probe, timeout=30.0):
    """Polls probe until it returns something true, for at most timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.25)


def error_of(call):
    """The (code, message) that call failed with; an AssertionError if it did not fail."""
    try:
        answer = call()
    except ClientError as e:
        return e.response["Error"].get("Code"), e.response["Error"].get("Message")
    raise AssertionError(f"expected an error, got {answer}")


def gone(describe):
    """True once describe fails with ResourceNotFoundException, False while it still answers."""
    try:
        describe()
        return False
    except ClientError as e:
        if e.response["Error"]["Code"] == "ResourceNotFoundException":
            return True
        raise


def is_timestamp(value):
    return isinstance(value, datetime.datetime)


# ---------------------------------------------------------------------------------------------------------------
# Kinesis


def sweep_kinesis():
    k = client("kinesis")
    name, other = f"boto3-{RUN}", f"boto3-{RUN}-od"
    K = lambda op, what, action: step("kinesis", op, what, action)  # noqa: E731
    wait_active = lambda stream: k.get_waiter("stream_exists").wait(  # noqa: E731
        StreamName=stream, WaiterConfig={"Delay": 1, "MaxAttempts": 90}
    )

    K("CreateStream", "2 shards, PROVISIONED, with tags", lambda: expect(
        set(k.create_stream(StreamName=name, ShardCount=2)) == {"ResponseMetadata"}, "CreateStream answers nothing"))
    K("CreateStream", "ON_DEMAND", lambda: k.create_stream(
        StreamName=other, StreamModeDetails={"StreamMode": "ON_DEMAND"}))
    K("DescribeStream", "waiter stream_exists", lambda: (wait_active(name), wait_active(other)))

    def describe():
        d = k.describe_stream(StreamName=name)["StreamDescription"]
        expect(d["StreamName"] == name and d["StreamStatus"] == "ACTIVE", d)
        expect(re.fullmatch(rf"arn:aws:kinesis:{REGION}:\d{{12}}:stream/{name}", d["StreamARN"]), d["StreamARN"])
        expect([s["ShardId"] for s in d["Shards"]] == ["shardId-000000000000", "shardId-000000000001"], d["Shards"])
        shard = d["Shards"][0]
        expect(shard["HashKeyRange"] == {"StartingHashKey": "0",
                                         "EndingHashKey": "170141183460469231731687303715884105727"}, shard)
        expect(re.fullmatch(r"\d{56}", shard["SequenceNumberRange"]["StartingSequenceNumber"]), shard)
        expect(d["HasMoreShards"] is False and d["RetentionPeriodHours"] == 24, d)
        expect(d["EncryptionType"] == "NONE" and d["EnhancedMonitoring"] == [{"ShardLevelMetrics": []}], d)
        expect(d["StreamModeDetails"] == {"StreamMode": "PROVISIONED"}, d)
        expect(is_timestamp(d["StreamCreationTimestamp"]), d)
        return d["StreamARN"]

    arn = K("DescribeStream", "every member", describe)
    K("DescribeStream", "paginator, a shard a page", lambda: expect(
        [s["ShardId"] for page in k.get_paginator("describe_stream").paginate(
            StreamName=name, PaginationConfig={"PageSize": 1}) for s in page["StreamDescription"]["Shards"]]
        == ["shardId-000000000000", "shardId-000000000001"], "pages"))

    def summary(stream=name, **expected):
        s = k.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
        for member, value in expected.items():
            expect(s.get(member) == value, f"{member}={s.get(member)!r}, expected {value!r}: {s}")
        return s

    K("DescribeStreamSummary", "every member", lambda: expect(
        {"StreamName", "StreamARN", "StreamStatus", "StreamModeDetails", "RetentionPeriodHours",
         "StreamCreationTimestamp", "EnhancedMonitoring", "EncryptionType", "OpenShardCount", "ConsumerCount"}
        <= set(summary(StreamStatus="ACTIVE", OpenShardCount=2, ConsumerCount=0, RetentionPeriodHours=24)),
        "members"))
    K("DescribeStreamSummary", "ON_DEMAND stream", lambda: summary(
        other, StreamModeDetails={"StreamMode": "ON_DEMAND"}, StreamStatus="ACTIVE"))

    def list_streams():
        answer = k.list_streams()
        expect({name, other} <= set(answer["StreamNames"]) and "HasMoreStreams" in answer, answer)
        mine = [s for s in answer["StreamSummaries"] if s["StreamName"] == name]
        expect(len(mine) == 1 and mine[0]["StreamARN"] == arn and mine[0]["StreamStatus"] == "ACTIVE"
               and mine[0]["StreamModeDetails"] == {"StreamMode": "PROVISIONED"}
               and is_timestamp(mine[0]["StreamCreationTimestamp"]), answer["StreamSummaries"])

    K("ListStreams", "names and summaries", list_streams)
    K("ListStreams", "paginator, a stream a page", lambda: expect({name, other} <= {
        n for page in k.get_paginator("list_streams").paginate(PaginationConfig={"PageSize": 1})
        for n in page["StreamNames"]}, "both streams over the pages"))

    # records: bytes of every value, read back equal
    put = []

    def put_record():
        data = bytes(range(256))
        answer = k.put_record(StreamName=name, PartitionKey="pk-0", Data=data, ExplicitHashKey="0")
        expect(answer["ShardId"] == "shardId-000000000000" and re.fullmatch(r"\d{56}", answer["SequenceNumber"])
               and answer["EncryptionType"] == "NONE", answer)
        put.append((answer["ShardId"], answer["SequenceNumber"], "pk-0", data))

    K("PutRecord", "binary data to an explicit hash key", put_record)

    def put_records():
        entries = [{"PartitionKey": f"pk-{i}", "Data": f"record {i} ü".encode()} for i in range(1, 21)]
        answer = k.put_records(StreamName=name, Records=entries)
        expect(answer["FailedRecordCount"] == 0 and len(answer["Records"]) == 20, answer)
        expect(answer["EncryptionType"] == "NONE", answer)
        for entry, result in zip(entries, answer["Records"]):
            expect(set(result) == {"ShardId", "SequenceNumber"}, result)
            put.append((result["ShardId"], result["SequenceNumber"], entry["PartitionKey"], entry["Data"]))
        expect(len({r[0] for r in put}) == 2, "20 partition keys spread over both shards")

    K("PutRecords", "20 records", put_records)

    def read_shard(shard, iterator_args, count):
        iterator = k.get_shard_iterator(StreamName=name, ShardId=shard, **iterator_args)["ShardIterator"]
        records = []

        def more():
            nonlocal iterator
            answer = k.get_records(ShardIterator=iterator)
            expect("NextShardIterator" in answer and isinstance(answer["MillisBehindLatest"], int), answer)
            iterator = answer["NextShardIterator"]
            records.extend(answer["Records"])
            return len(records) >= count

        until(f"{count} records of {shard}", more)
        return records

    def read_back():
        for shard in ("shardId-000000000000", "shardId-000000000001"):
            expected = [(seq, key, data) for s, seq, key, data in put if s == shard]
            records = read_shard(shard, {"ShardIteratorType": "TRIM_HORIZON"}, len(expected))
            got = [(r["SequenceNumber"], r["PartitionKey"], r["Data"]) for r in records]
            expect(got == sorted(expected), f"{shard}: read {got}, put {sorted(expected)}")
            expect(all(is_timestamp(r["ApproximateArrivalTimestamp"]) for r in records), records)

    K("GetRecords", "TRIM_HORIZON reads back every record as put, in order", read_back)

    def iterator_types():
        shard, first = "shardId-000000000000", min(seq for s, seq, _, _ in put if s == "shardId-000000000000")
        at = read_shard(shard, {"ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": first}, 1)
        expect(at[0]["SequenceNumber"] == first, at[0])
        after = read_shard(shard, {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": first}, 1)
        expect(after[0]["SequenceNumber"] > first, after[0])
        since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
        expect(read_shard(shard, {"ShardIteratorType": "AT_TIMESTAMP", "Timestamp": since}, 1)[0]["SequenceNumber"]
               == first, "AT_TIMESTAMP before the first record starts at it")
        latest = k.get_shard_iterator(StreamName=name, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        expect(k.get_records(ShardIterator=latest, Limit=10)["Records"] == [], "LATEST reads nothing old")

    K("GetShardIterator", "AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP, LATEST", iterator_types)

    def list_shards():
        by_name = k.list_shards(StreamName=name)
        expect([s["ShardId"] for s in by_name["Shards"]] == ["shardId-000000000000", "shardId-000000000001"], by_name)
        expect(k.list_shards(StreamARN=arn)["Shards"] == by_name["Shards"], "by StreamARN as by StreamName")
        first = k.list_shards(StreamName=name, MaxResults=1)
        expect(len(first["Shards"]) == 1 and first.get("NextToken"), first)
        second = k.list_shards(NextToken=first["NextToken"], MaxResults=1)
        expect([s["ShardId"] for s in second["Shards"]] == ["shardId-000000000001"], second)
        filtered = k.list_shards(StreamName=name, ShardFilter={"Type": "AT_LATEST"})
        expect(len(filtered["Shards"]) == 2, filtered)

    K("ListShards", "by name, by ARN, NextToken, ShardFilter", list_shards)
    K("ListShards", "paginator, one page", lambda: expect(
        len([s for p in k.get_paginator("list_shards").paginate(StreamName=name) for s in p["Shards"]]) == 2, "pages"))
    # boto3's paginator sends StreamName again with the NextToken, which AWS refuses (botocore issue 2009)
    K("ListShards", "paginator past one page: refused as AWS refuses it", lambda: expect(error_of(
        lambda: list(k.get_paginator("list_shards").paginate(StreamName=name, PaginationConfig={"PageSize": 1})))
        == ("InvalidArgumentException", "NextToken and StreamName cannot be provided together."), "answer"))

    # enhanced fan-out, while the records are in the open shards
    consumers = {}

    def register(consumer):
        c = k.register_stream_consumer(StreamARN=arn, ConsumerName=consumer)["Consumer"]
        expect(c["ConsumerName"] == consumer and c["ConsumerStatus"] in ("CREATING", "ACTIVE"), c)
        expect(c["ConsumerARN"].startswith(f"{arn}/consumer/{consumer}:") and is_timestamp(
            c["ConsumerCreationTimestamp"]), c)
        consumers[consumer] = c["ConsumerARN"]

    K("RegisterStreamConsumer", "two consumers", lambda: (register("c1"), register("c2")))

    def consumer_active(consumer):
        d = k.describe_stream_consumer(StreamARN=arn, ConsumerName=consumer)["ConsumerDescription"]
        expect(d["ConsumerARN"] == consumers[consumer] and d["StreamARN"] == arn, d)
        return d["ConsumerStatus"] == "ACTIVE"

    K("DescribeStreamConsumer", "by name until ACTIVE, and by ARN", lambda: (
        until("c1 ACTIVE", lambda: consumer_active("c1")), until("c2 ACTIVE", lambda: consumer_active("c2")),
        expect(k.describe_stream_consumer(ConsumerARN=consumers["c1"])["ConsumerDescription"]["ConsumerName"] == "c1",
               "by ARN")))
    K("ListStreamConsumers", "both, ACTIVE", lambda: expect(sorted(
        (c["ConsumerName"], c["ConsumerStatus"]) for c in k.list_stream_consumers(StreamARN=arn)["Consumers"])
        == [("c1", "ACTIVE"), ("c2", "ACTIVE")], "consumers"))
    K("ListStreamConsumers", "paginator, a consumer a page", lambda: expect(sorted(
        c["ConsumerName"] for p in k.get_paginator("list_stream_consumers").paginate(
            StreamARN=arn, PaginationConfig={"PageSize": 1}) for c in p["Consumers"]) == ["c1", "c2"], "pages"))
    K("DescribeStreamSummary", "ConsumerCount", lambda: summary(ConsumerCount=2))

    def subscribe():
        shard = "shardId-000000000001"
        expected = sorted((seq, key, data) for s, seq, key, data in put if s == shard)
        answer = k.subscribe_to_shard(
            ConsumerARN=consumers["c1"], ShardId=shard, StartingPosition={"Type": "TRIM_HORIZON"})
        events, got, failure = answer["EventStream"], [], []

        def read():
            try:
                for event in events:
                    e = event["SubscribeToShardEvent"]
                    expect("ContinuationSequenceNumber" in e and isinstance(e["MillisBehindLatest"], int), e)
                    got.extend((r["SequenceNumber"], r["PartitionKey"], r["Data"]) for r in e["Records"])
                    if len(got) >= len(expected):
                        return
            except Exception as e:  # noqa: BLE001
                failure.append(e)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(30)
        events.close()
        expect(not failure, failure)
        expect(got == expected, f"subscribed to {got}, put {expected}")

    K("SubscribeToShard", "event stream from TRIM_HORIZON delivers every record of the shard", subscribe)

    # tags and resource policies
    def stream_tags():
        k.add_tags_to_stream(StreamName=name, Tags={"team": "a", "cost": "1"})
        answer = k.list_tags_for_stream(StreamName=name)
        expect(answer["Tags"] == [{"Key": "cost", "Value": "1"}, {"Key": "team", "Value": "a"}]
               and answer["HasMoreTags"] is False, answer)
        page = k.list_tags_for_stream(StreamName=name, Limit=1)
        expect(len(page["Tags"]) == 1 and page["HasMoreTags"] is True, page)
        k.remove_tags_from_stream(StreamName=name, TagKeys=["team"])
        expect(k.list_tags_for_stream(StreamName=name)["Tags"] == [{"Key": "cost", "Value": "1"}], "removed")

    K("AddTagsToStream", "and ListTagsForStream, RemoveTagsFromStream", stream_tags)
    K("ListTagsForStream", "Limit and HasMoreTags", lambda: expect(
        k.list_tags_for_stream(StreamName=name, ExclusiveStartTagKey="a")["Tags"] == [{"Key": "cost", "Value": "1"}],
        "ExclusiveStartTagKey"))
    K("RemoveTagsFromStream", "(above)", lambda: k.remove_tags_from_stream(StreamName=name, TagKeys=["cost"]))

    def resource_tags(resource):
        k.tag_resource(ResourceARN=resource, Tags={"owner": "boto3"})
        answer = k.list_tags_for_resource(ResourceARN=resource)
        expect(answer["Tags"] == [{"Key": "owner", "Value": "boto3"}], answer)
        k.untag_resource(ResourceARN=resource, TagKeys=["owner"])
        expect(k.list_tags_for_resource(ResourceARN=resource)["Tags"] == [], "untagged")

    K("TagResource", "a stream ARN", lambda: resource_tags(arn))
    K("TagResource", "a consumer ARN", lambda: resource_tags(consumers["c2"]))
    K("ListTagsForResource", "(above)", lambda: k.list_tags_for_resource(ResourceARN=arn))
    K("UntagResource", "(above)", lambda: k.untag_resource(ResourceARN=arn, TagKeys=["none"]))

    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
        "AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kinesis:GetRecords", "Resource": arn}]}

    def policies(resource):
        k.put_resource_policy(ResourceARN=resource, Policy=json.dumps(policy))
        expect(json.loads(k.get_resource_policy(ResourceARN=resource)["Policy"]) == policy, "policy read back")
        k.delete_resource_policy(ResourceARN=resource)
        expect(json.loads(k.get_resource_policy(ResourceARN=resource)["Policy"]) == {}, "no policy: {}")

    K("PutResourcePolicy", "a stream ARN, read back, deleted", lambda: policies(arn))
    K("PutResourcePolicy", "a consumer ARN", lambda: policies(consumers["c1"]))
    K("GetResourcePolicy", "(above)", lambda: k.get_resource_policy(ResourceARN=arn)["Policy"])
    K("DeleteResourcePolicy", "(above)", lambda: k.delete_resource_policy(ResourceARN=arn))

    # stream settings
    def retention():
        k.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=48)
        wait_active(name)
        summary(RetentionPeriodHours=48)
        k.decrease_stream_retention_period(StreamName=name, RetentionPeriodHours=24)
        wait_active(name)
        summary(RetentionPeriodHours=24)

    K("IncreaseStreamRetentionPeriod", "48 hours and back", retention)
    K("DecreaseStreamRetentionPeriod", "(above)", lambda: summary(RetentionPeriodHours=24))

    def monitoring():
        on = k.enable_enhanced_monitoring(StreamName=name, ShardLevelMetrics=["IncomingBytes", "OutgoingRecords"])
        expect(on["StreamName"] == name and on["StreamARN"] == arn and on["CurrentShardLevelMetrics"] == []
               and sorted(on["DesiredShardLevelMetrics"]) == ["IncomingBytes", "OutgoingRecords"], on)
        wait_active(name)  # the stream is UPDATING meanwhile, as in AWS
        summary(EnhancedMonitoring=[{"ShardLevelMetrics": on["DesiredShardLevelMetrics"]}])
        off = k.disable_enhanced_monitoring(StreamName=name, ShardLevelMetrics=["ALL"])
        expect(sorted(off["CurrentShardLevelMetrics"]) == ["IncomingBytes", "OutgoingRecords"]
               and off["DesiredShardLevelMetrics"] == [], off)
        wait_active(name)

    K("EnableEnhancedMonitoring", "two metrics on, ALL off", monitoring)
    K("DisableEnhancedMonitoring", "(above)", lambda: summary(EnhancedMonitoring=[{"ShardLevelMetrics": []}]))

    def limits():
        answer = k.describe_limits()
        for member in ("ShardLimit", "OpenShardCount", "OnDemandStreamCount", "OnDemandStreamCountLimit"):
            expect(isinstance(answer.get(member), int), f"{member}: {answer}")
        expect(answer["OpenShardCount"] >= 2 and answer["OnDemandStreamCount"] >= 1, answer)

    K("DescribeLimits", "counts and limits", limits)

    def encryption():
        k.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
        wait_active(name)
        summary(EncryptionType="KMS", KeyId="alias/aws/kinesis")
        answer = k.put_record(StreamName=name, PartitionKey="sealed", Data=b"sealed", ExplicitHashKey="0")
        expect(answer["EncryptionType"] == "KMS", answer)
        records = read_shard("shardId-000000000000", {"ShardIteratorType": "AT_SEQUENCE_NUMBER",
                                                       "StartingSequenceNumber": answer["SequenceNumber"]}, 1)
        expect(records[0]["Data"] == b"sealed" and records[0]["EncryptionType"] == "KMS", records[0])
        k.stop_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
        wait_active(name)
        summary(EncryptionType="NONE")

    K("StartStreamEncryption", "KMS on, a record sealed and read back, off", encryption)
    K("StopStreamEncryption", "(above)", lambda: summary(EncryptionType="NONE"))

    def max_record_size():
        expect(k.update_max_record_size(StreamARN=arn, MaxRecordSizeInKiB=2048)["ResponseMetadata"], "answer")
        wait_active(name)
        summary(MaxRecordSizeInKiB=2048)
        big = os.urandom(1536 * 1024)
        answer = k.put_record(StreamName=name, PartitionKey="big", Data=big, ExplicitHashKey="0")
        records = read_shard("shardId-000000000000", {"ShardIteratorType": "AT_SEQUENCE_NUMBER",
                                                       "StartingSequenceNumber": answer["SequenceNumber"]}, 1)
        expect(records[0]["Data"] == big, "the 1.5 MiB record read back")

    K("UpdateMaxRecordSize", "2 MiB, a 1.5 MiB record through", max_record_size)

    # resharding
    def shards():
        return {s["ShardId"]: s for s in k.list_shards(StreamName=name)["Shards"]}

    def split():
        k.split_shard(StreamName=name, ShardToSplit="shardId-000000000000",
                      NewStartingHashKey="85070591730234615865843651857942052864")
        wait_active(name)
        now = shards()
        expect(sorted(now) == [f"shardId-00000000000{i}" for i in range(4)], sorted(now))
        expect("EndingSequenceNumber" in now["shardId-000000000000"]["SequenceNumberRange"], "the parent closed")
        expect(now["shardId-000000000002"]["ParentShardId"] == "shardId-000000000000", now["shardId-000000000002"])
        expect(now["shardId-000000000003"]["HashKeyRange"]["StartingHashKey"]
               == "85070591730234615865843651857942052864", now["shardId-000000000003"])

    K("SplitShard", "shard 0 in halves", split)

    def merge():
        k.merge_shards(StreamName=name, ShardToMerge="shardId-000000000002",
                       AdjacentShardToMerge="shardId-000000000003")
        wait_active(name)
        child = shards()["shardId-000000000004"]
        expect(child["ParentShardId"] == "shardId-000000000002"
               and child["AdjacentParentShardId"] == "shardId-000000000003"
               and child["HashKeyRange"]["StartingHashKey"] == "0", child)

    K("MergeShards", "the halves again", merge)

    def update_shard_count():
        answer = k.update_shard_count(StreamName=name, TargetShardCount=4, ScalingType="UNIFORM_SCALING")
        expect(answer["StreamName"] == name and answer["CurrentShardCount"] == 2 and answer["TargetShardCount"] == 4
               and answer["StreamARN"] == arn, answer)
        wait_active(name)
        summary(OpenShardCount=4)
        expect(len([s for s in k.list_shards(StreamName=name, ShardFilter={"Type": "AT_LATEST"})["Shards"]]) == 4,
               "4 open shards")

    K("UpdateShardCount", "2 to 4", update_shard_count)

    def stream_mode():
        k.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "ON_DEMAND"})
        wait_active(name)
        summary(StreamModeDetails={"StreamMode": "ON_DEMAND"})

    K("UpdateStreamMode", "PROVISIONED to ON_DEMAND", stream_mode)

    for operation, reason in NOT_OFFERED["kinesis"].items():
        call = getattr(k, xform_name(operation))
        arguments = {"StreamARN": arn, "WarmThroughputMiBps": 10} if operation == "UpdateStreamWarmThroughput" else {}
        if operation == "UpdateAccountSettings":
            arguments = {"MinimumThroughputBillingCommitment": {"Status": "DISABLED"}}
        K(operation, f"not offered ({reason})", lambda: expect(
            error_of(lambda: call(**arguments))[0] == "UnknownOperationException", "UnknownOperationException"))

    # the end of it all
    def deregister():
        k.deregister_stream_consumer(StreamARN=arn, ConsumerName="c2")
        until("c2 gone", lambda: gone(lambda: k.describe_stream_consumer(StreamARN=arn, ConsumerName="c2")))

    K("DeregisterStreamConsumer", "by name, until gone", deregister)
    K("DeregisterStreamConsumer", "by ARN", lambda: k.deregister_stream_consumer(ConsumerARN=consumers["c1"]))

    def delete(stream, **arguments):
        k.delete_stream(StreamName=stream, **arguments)
        k.get_waiter("stream_not_exists").wait(StreamName=stream, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        expect(error_of(lambda: k.describe_stream_summary(StreamName=stream)) == (
            "ResourceNotFoundException", f"Stream {stream} under account {ACCOUNT} not found."), "gone")

    K("DeleteStream", "with EnforceConsumerDeletion, waiter stream_not_exists", lambda: delete(
        name, EnforceConsumerDeletion=True))
    K("DeleteStream", "the ON_DEMAND stream", lambda: delete(other))


# ---------------------------------------------------------------------------------------------------------------
# Firehose


def sweep_firehose():
    f, s3 = client("firehose"), client("s3", endpoint=S3_ENDPOINT)
    name, bucket = f"boto3-{RUN}", f"boto3-{RUN}"
    F = lambda op, what, action: step("firehose", op, what, action)  # noqa: E731

    def describe():
        return f.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"]

    def create():
        s3.create_bucket(Bucket=bucket)
        answer = f.create_delivery_stream(
            DeliveryStreamName=name, DeliveryStreamType="DirectPut",
            ExtendedS3DestinationConfiguration={
                "RoleARN": f"arn:aws:iam::{ACCOUNT}:role/firehose", "BucketARN": f"arn:aws:s3:::{bucket}",
                "Prefix": "boto3/", "ErrorOutputPrefix": "errors/", "CompressionFormat": "UNCOMPRESSED",
                "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0}},
            Tags=[{"Key": "made-by", "Value": "boto3"}])
        expect(re.fullmatch(rf"arn:aws:firehose:{REGION}:\d{{12}}:deliverystream/{name}",
                            answer["DeliveryStreamARN"]), answer)
        until("ACTIVE", lambda: describe()["DeliveryStreamStatus"] == "ACTIVE")

    F("CreateDeliveryStream", "DirectPut to the embedded S3 endpoint, until ACTIVE", create)

    def description():
        d = describe()
        expect(d["DeliveryStreamName"] == name and d["DeliveryStreamType"] == "DirectPut"
               and d["VersionId"] == "1" and d["HasMoreDestinations"] is False
               and is_timestamp(d["CreateTimestamp"]), d)
        destination = d["Destinations"][0]
        expect(destination["DestinationId"] == "destinationId-000000000001", destination)
        s3d = destination["ExtendedS3DestinationDescription"]
        expect(s3d["BucketARN"] == f"arn:aws:s3:::{bucket}" and s3d["Prefix"] == "boto3/"
               and s3d["BufferingHints"] == {"SizeInMBs": 1, "IntervalInSeconds": 0}
               and s3d["CompressionFormat"] == "UNCOMPRESSED", s3d)
        expect(d["DeliveryStreamEncryptionConfiguration"]["Status"] == "DISABLED", d)

    F("DescribeDeliveryStream", "every member", description)

    def list_streams():
        answer = f.list_delivery_streams(DeliveryStreamType="DirectPut", Limit=10000)
        expect(name in answer["DeliveryStreamNames"] and answer["HasMoreDeliveryStreams"] is False, answer)
        expect(name not in f.list_delivery_streams(DeliveryStreamType="KinesisStreamAsSource")["DeliveryStreamNames"],
               "filtered by type")

    F("ListDeliveryStreams", "by type", list_streams)

    lines = []

    def put_record():
        answer = f.put_record(DeliveryStreamName=name, Record={"Data": b"first \xc3\xbc\n"})
        expect(answer["RecordId"] and answer["Encrypted"] is False, answer)
        lines.append(b"first \xc3\xbc")

    F("PutRecord", "one record", put_record)

    def put_batch():
        records = [f"batch {i}\n".encode() for i in range(5)]
        answer = f.put_record_batch(DeliveryStreamName=name, Records=[{"Data": r} for r in records])
        expect(answer["FailedPutCount"] == 0 and answer["Encrypted"] is False
               and len(answer["RequestResponses"]) == 5
               and all(set(r) == {"RecordId"} for r in answer["RequestResponses"]), answer)
        lines.extend(r.rstrip(b"\n") for r in records)

    F("PutRecordBatch", "five records", put_batch)

    def delivered():
        def objects():
            listing = s3.list_objects_v2(Bucket=bucket, Prefix="boto3/").get("Contents", [])
            found = []
            for o in listing:
                body = s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
                found.extend(line for line in body.split(b"\n") if line)
            return sorted(found) if len(found) >= len(lines) else None

        expect(until("delivery to S3", objects) == sorted(lines), "S3 holds exactly what was put")

    F("PutRecordBatch", "delivered to S3, read back with boto3's S3 client", delivered)

    def tags():
        f.tag_delivery_stream(DeliveryStreamName=name, Tags=[{"Key": "team", "Value": "a"}])
        answer = f.list_tags_for_delivery_stream(DeliveryStreamName=name)
        expect(answer["Tags"] == [{"Key": "made-by", "Value": "boto3"}, {"Key": "team", "Value": "a"}]
               and answer["HasMoreTags"] is False, answer)
        page = f.list_tags_for_delivery_stream(DeliveryStreamName=name, Limit=1)
        expect(len(page["Tags"]) == 1 and page["HasMoreTags"] is True, page)
        f.untag_delivery_stream(DeliveryStreamName=name, TagKeys=["team"])
        expect(f.list_tags_for_delivery_stream(DeliveryStreamName=name)["Tags"]
               == [{"Key": "made-by", "Value": "boto3"}], "untagged")

    F("TagDeliveryStream", "and ListTagsForDeliveryStream, UntagDeliveryStream", tags)
    F("ListTagsForDeliveryStream", "(above)", lambda: f.list_tags_for_delivery_stream(DeliveryStreamName=name))
    F("UntagDeliveryStream", "(above)", lambda: f.untag_delivery_stream(DeliveryStreamName=name, TagKeys=["x"]))

    def encryption():
        f.start_delivery_stream_encryption(
            DeliveryStreamName=name, DeliveryStreamEncryptionConfigurationInput={"KeyType": "AWS_OWNED_CMK"})
        until("ENABLED", lambda: describe()["DeliveryStreamEncryptionConfiguration"]["Status"] == "ENABLED")
        expect(describe()["DeliveryStreamEncryptionConfiguration"]["KeyType"] == "AWS_OWNED_CMK", "key type")
        expect(f.put_record(DeliveryStreamName=name, Record={"Data": b"sealed\n"})["Encrypted"] is True, "Encrypted")
        lines.append(b"sealed")
        f.stop_delivery_stream_encryption(DeliveryStreamName=name)
        until("DISABLED", lambda: describe()["DeliveryStreamEncryptionConfiguration"]["Status"] == "DISABLED")

    F("StartDeliveryStreamEncryption", "AWS_OWNED_CMK on, a sealed record, off", encryption)
    F("StopDeliveryStreamEncryption", "(above)", lambda: expect(
        f.put_record(DeliveryStreamName=name, Record={"Data": b"plain\n"})["Encrypted"] is False, "Encrypted"))
    lines.append(b"plain")
    F("StopDeliveryStreamEncryption", "every record delivered in plaintext", delivered)

    def update():
        d = describe()
        f.update_destination(
            DeliveryStreamName=name, CurrentDeliveryStreamVersionId=d["VersionId"],
            DestinationId=d["Destinations"][0]["DestinationId"],
            ExtendedS3DestinationUpdate={"BufferingHints": {"SizeInMBs": 2}, "Prefix": "boto3/again/"})
        after = describe()
        s3d = after["Destinations"][0]["ExtendedS3DestinationDescription"]
        expect(int(after["VersionId"]) == int(d["VersionId"]) + 1 and is_timestamp(after["LastUpdateTimestamp"]), after)
        expect(s3d["BufferingHints"] == {"SizeInMBs": 2, "IntervalInSeconds": 0} and s3d["Prefix"] == "boto3/again/"
               and s3d["BucketARN"] == f"arn:aws:s3:::{bucket}", s3d)
        code, message = error_of(lambda: f.update_destination(
            DeliveryStreamName=name, CurrentDeliveryStreamVersionId=d["VersionId"],
            DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={"Prefix": "x/"}))
        expect(code == "ConcurrentModificationException", (code, message))

    F("UpdateDestination", "buffering and prefix; a stale version refused", update)

    def delete():
        f.delete_delivery_stream(DeliveryStreamName=name)
        until("gone", lambda: gone(describe))

    F("DeleteDeliveryStream", "until gone", delete)


# ---------------------------------------------------------------------------------------------------------------
# Malformed calls: what boto3 sends once its own validation is off, answered as AWS answered it


KINESIS_ROWS = [
    "kinesalite test/createStream.js: should return ValidationException for empty StreamName",
    "kinesalite test/describeStream.js: should return ValidationException for long StreamName",
    "kinesalite test/getRecords.js: should return ValidationException for no ShardIterator",
    "kinesalite test/getRecords.js: should return InvalidArgumentException if ShardIterator is incorrect format",
    "kinesalite test/listShards.js: should return ValidationException for empty StreamName",
    "kinesalite test/listShards.js: should return InvalidArgumentException if both StreamName and NextToken",
    "kinesalite test/getShardIterator.js: should return InvalidArgumentException if AT_SEQUENCE_NUMBER and no "
    "StartingSequenceNumber",
    "kinesalite test/decreaseStreamRetentionPeriod.js: should return InvalidArgumentException for retention period "
    "less than 24",
    "kinesalite test/deleteStream.js: should return ResourceNotFoundException if stream does not exist",
]
FIREHOSE_ROWS = [
    "CreateDeliveryStream without a name",
    "CreateDeliveryStream with a name too long and of bad characters, and an unknown type",
]


def rows(path, sources):
    table = json.load(open(os.path.join(CONFORMANCE, path)))["rows"]
    chosen = [r for r in table if r["source"] in sources and "superseded" not in r and "deviation" not in r]
    return [next(r for r in chosen if r["source"] == s) for s in sources if any(r["source"] == s for r in chosen)]


def message_matches(expected, actual):
    if isinstance(expected, str):
        return expected == actual
    if "regex" in expected:
        return re.fullmatch(expected["regex"], actual or "") is not None
    if "anyOf" in expected:
        return actual in expected["anyOf"]
    violations = expected["anyOrder"]
    prefix = ("1 validation error detected: " if len(violations) == 1
              else f"{len(violations)} validation errors detected: ")
    return (actual or "").startswith(prefix) and sorted(actual[len(prefix):].split("; ")) == sorted(violations)


def sweep_malformed():
    unchecked = Config(parameter_validation=False)
    stream = f"boto3-{RUN}-malformed"
    k, f = client("kinesis", config=unchecked), client("firehose", config=unchecked)
    step("kinesis", "CreateStream", "a stream for the malformed calls", lambda: (
        k.create_stream(StreamName=stream, ShardCount=1), k.get_waiter("stream_exists").wait(
            StreamName=stream, WaiterConfig={"Delay": 1, "MaxAttempts": 60})))
    placeholders = {"kinesis": ("TESTSTREAM", stream), "firehose": ("STREAM", f"boto3-{RUN}-none")}
    tables = [("kinesis", k, "streams-service/src/test/resources/conformance/kinesalite-kinesis.json", KINESIS_ROWS),
              ("firehose", f, "firehose-service/src/test/resources/conformance/firehose.json", FIREHOSE_ROWS)]
    for service, c, path, sources in tables:
        chosen = step(service, "(malformed)", f"{len(sources)} rows found in {path}", lambda: expect(
            len(rows(path, sources)) == len(sources), "rows missing or marked") or rows(path, sources))
        placeholder, value = placeholders[service]
        for row in chosen or []:
            body = json.loads(json.dumps(row["body"]).replace(placeholder, value))
            expected = json.loads(json.dumps(row["message"]).replace(placeholder, value))

            def compare(row=row, body=body, expected=expected):
                code, message = error_of(lambda: getattr(c, xform_name(row["action"]))(**body))
                expect(code == row["type"] and message_matches(expected, message),
                       f"answered {code}: {message!r}; AWS answers {row['type']}: {expected!r}")

            step(service, row["action"], f"malformed: {row['source']}", compare)
    step("kinesis", "DeleteStream", "the malformed calls' stream", lambda: k.delete_stream(StreamName=stream))


def main():
    sweep_kinesis()
    sweep_firehose()
    sweep_malformed()
    failed = False
    print()
    for service in ("kinesis", "firehose"):
        operations = client(service).meta.service_model.operation_names
        counts = {"OK": 0, "FAIL": 0, "not offered": 0}
        for operation in operations:
            checks = [ok for s, op, ok in results if s == service and op == operation]
            if operation in NOT_OFFERED[service]:
                state = "not offered" if checks and all(checks) else "FAIL"
            else:
                state = "OK" if checks and all(checks) else "FAIL"
            if not checks:
                print(f"FAIL {service} {operation}: never called")
            counts[state] += 1
            failed |= state == "FAIL"
        print(f"{service}: {len(operations)} operations: {counts['OK']} OK, {counts['FAIL']} failing, "
              f"{counts['not offered']} not offered ({', '.join(NOT_OFFERED[service]) or 'none'})")
    failed |= not all(ok for _, _, ok in results)
    print(f"checks: {sum(ok for _, _, ok in results)} OK, {sum(not ok for _, _, ok in results)} failing")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
