// Regenerates js-sdk-v3.json (npm install @smithy/signature-v4 @aws-crypto/sha256-js; node js-sdk-v3-requests.mjs):
// requests signed by the SigV4 signer of the AWS SDK for JavaScript v3 (@smithy/signature-v4 5.x).
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
const signer = new SignatureV4({ service: "kinesis", region: "eu-west-1", sha256: Sha256,
  credentials: { accessKeyId: "AKIDJSV3", secretAccessKey: "js/Secret+Key" } });
const body = '{"StreamName":"orders"}';
const req = { method: "POST", protocol: "http:", hostname: "localhost", port: 4566, path: "/", query: {},
  headers: { host: "localhost:4566", "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "Kinesis_20131202.DescribeStreamSummary", "content-length": String(body.length),
    "user-agent": "aws-sdk-js/3.0", "amz-sdk-invocation-id": "b5f3c1de-0000-4000-8000-000000000001",
    "amz-sdk-request": "attempt=1; max=3" }, body };
const signed = await signer.sign(req);
const signer2 = new SignatureV4({ service: "kinesisvideo", region: "eu-west-1", sha256: Sha256,
  credentials: { accessKeyId: "AKIDJSV3", secretAccessKey: "js/Secret+Key" } });
const pre = await signer2.presign({ method: "GET", protocol: "http:", hostname: "localhost", port: 4566,
  path: "/some%20path/a:b", query: { Name: "a b/c" }, headers: { host: "localhost:4566" } }, { expiresIn: 300 });
// PutMedia as the SDKs sign it (its model's authtype v4-unsigned-body): the body is streamed, not hashed
const media = await signer2.sign({ method: "POST", protocol: "http:", hostname: "localhost", port: 4566,
  path: "/putMedia", query: {}, headers: { host: "localhost:4566", "x-amzn-stream-name": "cam",
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, body: "media-bytes" });
console.log(JSON.stringify({ header: { headers: signed.headers, body },
  presigned: { path: pre.path, query: pre.query, headers: pre.headers },
  streamed: { path: "/putMedia", headers: media.headers, streamed: true } }, null, 1));
