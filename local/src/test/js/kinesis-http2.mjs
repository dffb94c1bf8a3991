// The AWS SDK for JavaScript v3's Kinesis client at its default settings (HTTP/2, h2c on an http:// endpoint, one
// session per request) under concurrent calls on one client: PutRecords loops beside a DescribeStreamSummary loop,
// then every acknowledged record read back with GetRecords and, for one shard, with SubscribeToShard.
// Usage: node kinesis-http2.mjs <endpoint> [rounds]. Prints one JSON line of counts; RunnableJarIT asserts on them.
import {
  KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, ListShardsCommand,
  GetShardIteratorCommand, GetRecordsCommand, RegisterStreamConsumerCommand, DescribeStreamConsumerCommand,
  SubscribeToShardCommand,
} from "@aws-sdk/client-kinesis";

const [endpoint, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 200);
const kinesis = new KinesisClient({
  endpoint, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" },
});
const send = (command) => kinesis.send(command);
const deadline = Date.now() + 120_000;
const until = async (what, condition) => {
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const stream = `js-sdk-${Date.now()}`;
await send(new CreateStreamCommand({ StreamName: stream, ShardCount: 2 }));
const streamArn = await until("the stream to be ACTIVE", async () => {
  const summary = (await send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary;
  return summary?.StreamStatus === "ACTIVE" && summary.StreamARN;
});

const result = { describeCalls: 0, incompleteDescribes: 0, putCalls: 0, incompletePuts: 0, acknowledged: 0,
  readBack: 0, shard0Acknowledged: 0, subscribed: 0, errors: [] };
const failed = (error) => result.errors.push(`${error.name}: ${error.message}`);
const acknowledged = { "shardId-000000000000": [], "shardId-000000000001": [] };

const putLoop = async (loop) => {
  for (let round = 0; round < rounds; round++) {
    const records = Array.from({ length: 50 }, (_, i) => ({
      Data: Buffer.from(`loop ${loop} round ${round} record ${i}`), PartitionKey: `key-${i}`,
    }));
    try {
      const answer = await send(new PutRecordsCommand({ StreamName: stream, Records: records }));
      result.putCalls++;
      if (answer.Records?.length !== records.length) { result.incompletePuts++; continue; }
      answer.Records.forEach((entry, i) => {
        if (entry.SequenceNumber) acknowledged[entry.ShardId].push(records[i].Data.toString());
      });
    } catch (error) { failed(error); }
  }
};
const describeLoop = async () => {
  for (let round = 0; round < rounds * 2; round++) {
    try {
      const answer = await send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      result.describeCalls++;
      if (answer.StreamDescriptionSummary?.StreamName !== stream) result.incompleteDescribes++;
    } catch (error) { failed(error); }
  }
};
await Promise.all([putLoop(1), putLoop(2), putLoop(3), describeLoop()]);
result.acknowledged = Object.values(acknowledged).reduce((sum, data) => sum + data.length, 0);
result.shard0Acknowledged = acknowledged["shardId-000000000000"].length;

const shards = (await send(new ListShardsCommand({ StreamName: stream }))).Shards;
for (const shard of shards) {
  let iterator = (await send(new GetShardIteratorCommand({
    StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON",
  }))).ShardIterator;
  const expected = new Set(acknowledged[shard.ShardId]);
  let read = 0;
  while (read < expected.size && Date.now() < deadline) {
    const page = await send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
    read += page.Records.filter((record) => expected.has(Buffer.from(record.Data).toString())).length;
    iterator = page.NextShardIterator;
  }
  result.readBack += read;
}

const consumer = (await send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: "js-sdk" })))
  .Consumer.ConsumerARN;
await until("the consumer to be ACTIVE", async () =>
  (await send(new DescribeStreamConsumerCommand({ ConsumerARN: consumer }))).ConsumerDescription.ConsumerStatus
    === "ACTIVE");
const unsubscribe = new AbortController(); // a subscription otherwise stays open for its five minutes
const subscription = await kinesis.send(new SubscribeToShardCommand({
  ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "TRIM_HORIZON" },
}), { abortSignal: unsubscribe.signal });
const shard0 = new Set(acknowledged["shardId-000000000000"]);
try {
  for await (const event of subscription.EventStream) {
    const records = event.SubscribeToShardEvent?.Records ?? [];
    result.subscribed += records.filter((record) => shard0.has(Buffer.from(record.Data).toString())).length;
    if (result.subscribed >= result.shard0Acknowledged || Date.now() > deadline) break;
  }
} finally {
  unsubscribe.abort();
}

console.log(JSON.stringify(result));
kinesis.destroy();
process.exit(0);
