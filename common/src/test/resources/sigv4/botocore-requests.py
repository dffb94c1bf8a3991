# Regenerates botocore.json (python3 botocore-requests.py > botocore.json, then merge its two documents): requests
# signed by botocore 1.43.11, the signer of boto3 and the AWS CLI, that SigV4VerifierTest must accept.
import json
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
creds = Credentials('AKIDBOTOCORE', 'botocore/Secret+Key')
out = {}
body = b'{"StreamName":"orders"}'
r = AWSRequest(method='POST', url='http://localhost:4566/', data=body,
               headers={'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Kinesis_20131202.DescribeStreamSummary',
                        'User-Agent': 'Boto3/1.43 md/Botocore#1.43.11'})
SigV4Auth(creds, 'kinesis', 'eu-west-1').add_auth(r)
out['header'] = {'url': r.url, 'headers': dict(r.headers.items()), 'body': body.decode()}
r2 = AWSRequest(method='POST', url='http://localhost:4566/some%20path/a:b', data=b'{}',
                headers={'Content-Type': 'application/json'})
SigV4Auth(creds, 'kinesisvideo', 'eu-west-1').add_auth(r2)
out['path'] = {'url': r2.url, 'headers': dict(r2.headers.items()), 'body': '{}'}
r3 = AWSRequest(method='GET', url='http://localhost:4566/presigned?Name=a%20b%2Fc', headers={})
SigV4QueryAuth(creds, 'kinesisvideo', 'eu-west-1', expires=300).add_auth(r3)
out['presigned'] = {'url': r3.url, 'headers': dict(r3.headers.items())}
print(json.dumps(out, indent=1))
# As the AWS SDK for Java v1 signs: User-Agent and Expect included (its AWS4Signer leaves out only connection and
# x-amzn-trace-id). botocore's own list is narrowed for this one request.
import botocore.auth as ba
ba.SIGNED_HEADERS_BLACKLIST[:] = [h for h in ba.SIGNED_HEADERS_BLACKLIST if h not in ('user-agent', 'expect')]
r4 = AWSRequest(method='POST', url='http://localhost:4566/', data=body,
               headers={'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Kinesis_20131202.DescribeStreamSummary',
                        'User-Agent': 'aws-sdk-java/1.12.700 Linux/6.1', 'Expect': '100-continue'})
SigV4Auth(creds, 'kinesis', 'eu-west-1').add_auth(r4)
print(json.dumps({'useragent': {'headers': dict(r4.headers.items()), 'body': body.decode()}}, indent=1))
