// Captures the "http2" request of js-sdk-v3.json (npm install @aws-sdk/client-kinesis; node js-sdk-v3-http2-request.mjs).
// A ListStreams call of the SDK for JavaScript v3's Kinesis client (NodeHttp2Handler, h2c) as signed: it signs the
// HTTP/2 pseudo-header :authority instead of host. Run against any endpoint; only the signed request is printed.
import { KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
const c = new KinesisClient({ endpoint: "http://localhost:4566", region: "eu-west-1",
  credentials: { accessKeyId: "AKIDJSV3", secretAccessKey: "js/Secret+Key" } });
c.middlewareStack.addRelativeTo((next) => async (args) => {
  console.log(JSON.stringify({ http2: { headers: args.request.headers, body: args.request.body } }, null, 1));
  throw new Error("captured");
}, { relation: "after", toMiddleware: "httpSigningMiddleware", name: "capture" });
try { await c.send(new ListStreamsCommand({})); } catch (e) {}
c.destroy();
