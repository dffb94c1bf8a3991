#!/usr/bin/env bash
# Every Kinesis and Firehose command of the AWS CLI, at its defaults, against a running Shardline.
# Usage: bench/conformance/cli-sweep.sh [port]   (AWS=/usr/bin/aws picks another CLI). Prints OK/FAIL per command.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
A="${AWS:-aws} --endpoint-url http://localhost:${1:-4590}"
S=cli-$RANDOM
ok=0; fail=0
run() { local out; if out=$("$@" 2>&1); then ok=$((ok+1)); echo "OK   ${*:4:3}"; else fail=$((fail+1)); echo "FAIL $*"; echo "$out" | head -5; fi; LAST="$out"; }
run $A kinesis create-stream --stream-name $S --shard-count 2
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis describe-stream --stream-name $S
run $A kinesis describe-stream-summary --stream-name $S
ARN=$(echo "$LAST" | python3 -c 'import json,sys;print(json.load(sys.stdin)["StreamDescriptionSummary"]["StreamARN"])')
run $A kinesis list-streams
run $A kinesis list-shards --stream-name $S
run $A kinesis put-record --stream-name $S --partition-key k --data aGVsbG8=
run $A kinesis put-records --stream-name $S --records Data=aGk=,PartitionKey=a Data=aGk=,PartitionKey=b
run $A kinesis get-shard-iterator --stream-name $S --shard-id shardId-000000000000 --shard-iterator-type TRIM_HORIZON
IT=$(echo "$LAST" | python3 -c 'import json,sys;print(json.load(sys.stdin)["ShardIterator"])')
run $A kinesis get-records --shard-iterator "$IT"
run $A kinesis add-tags-to-stream --stream-name $S --tags team=a
run $A kinesis list-tags-for-stream --stream-name $S
run $A kinesis remove-tags-from-stream --stream-name $S --tag-keys team
run $A kinesis increase-stream-retention-period --stream-name $S --retention-period-hours 48
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis decrease-stream-retention-period --stream-name $S --retention-period-hours 24
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis enable-enhanced-monitoring --stream-name $S --shard-level-metrics IncomingBytes
run $A kinesis disable-enhanced-monitoring --stream-name $S --shard-level-metrics IncomingBytes
run $A kinesis describe-limits
run $A kinesis start-stream-encryption --stream-name $S --encryption-type KMS --key-id alias/aws/kinesis
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis stop-stream-encryption --stream-name $S --encryption-type KMS --key-id alias/aws/kinesis
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis split-shard --stream-name $S --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis merge-shards --stream-name $S --shard-to-merge shardId-000000000002 --adjacent-shard-to-merge shardId-000000000003
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis update-shard-count --stream-name $S --target-shard-count 4 --scaling-type UNIFORM_SCALING
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis update-stream-mode --stream-arn $ARN --stream-mode-details StreamMode=ON_DEMAND
run $A kinesis wait stream-exists --stream-name $S
run $A kinesis register-stream-consumer --stream-arn $ARN --consumer-name c1
run $A kinesis describe-stream-consumer --stream-arn $ARN --consumer-name c1
run $A kinesis list-stream-consumers --stream-arn $ARN
run $A kinesis tag-resource --resource-arn $ARN --tags team=b 2>/dev/null
run $A kinesis list-tags-for-resource --resource-arn $ARN
run $A kinesis untag-resource --resource-arn $ARN --tag-keys team
run $A kinesis put-resource-policy --resource-arn $ARN --policy '{"Version":"2012-10-17","Statement":[]}'
run $A kinesis get-resource-policy --resource-arn $ARN
run $A kinesis delete-resource-policy --resource-arn $ARN
run $A kinesis deregister-stream-consumer --stream-arn $ARN --consumer-name c1
run $A kinesis delete-stream --stream-name $S --enforce-consumer-deletion
run $A kinesis wait stream-not-exists --stream-name $S
D=cli-$RANDOM
run $A firehose create-delivery-stream --delivery-stream-name $D --extended-s3-destination-configuration "RoleARN=arn:aws:iam::000000000000:role/f,BucketARN=arn:aws:s3:::$D,BufferingHints={SizeInMBs=1,IntervalInSeconds=60}"
sleep 3
run $A firehose describe-delivery-stream --delivery-stream-name $D
VID=$(echo "$LAST" | python3 -c 'import json,sys;d=json.load(sys.stdin)["DeliveryStreamDescription"];print(d["VersionId"], d["Destinations"][0]["DestinationId"])')
run $A firehose list-delivery-streams
run $A firehose put-record --delivery-stream-name $D --record Data=aGVsbG8K
run $A firehose put-record-batch --delivery-stream-name $D --records Data=aGVsbG8K Data=aGVsbG8K
run $A firehose tag-delivery-stream --delivery-stream-name $D --tags Key=team,Value=a
run $A firehose list-tags-for-delivery-stream --delivery-stream-name $D
run $A firehose untag-delivery-stream --delivery-stream-name $D --tag-keys team
run $A firehose start-delivery-stream-encryption --delivery-stream-name $D
sleep 2
run $A firehose stop-delivery-stream-encryption --delivery-stream-name $D
sleep 2
set -- $VID
run $A firehose describe-delivery-stream --delivery-stream-name $D
VID=$(echo "$LAST" | python3 -c 'import json,sys;d=json.load(sys.stdin)["DeliveryStreamDescription"];print(d["VersionId"])')
run $A firehose update-destination --delivery-stream-name $D --current-delivery-stream-version-id $VID --destination-id $2 --extended-s3-destination-update "BufferingHints={SizeInMBs=2,IntervalInSeconds=60}"
run $A firehose delete-delivery-stream --delivery-stream-name $D
echo "ok=$ok fail=$fail"
