"""boto3 as a Python user runs it, against Shardline's kinesisanalyticsv2 endpoint: every control-plane action once.

Usage: python3 analytics_boto3.py ENDPOINT NAME. Exits non-zero with the failing step on stderr.
"""
import sys
import time

import boto3

endpoint, name = sys.argv[1], sys.argv[2]
client = boto3.client(
    "kinesisanalyticsv2",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
)
sql = "CREATE TABLE a (x INT) WITH ('connector' = 'datagen'); INSERT INTO b SELECT x FROM a;"


def wait_for(status):
    for _ in range(200):
        detail = client.describe_application(ApplicationName=name)["ApplicationDetail"]
        if detail["ApplicationStatus"] == status:
            return detail
        time.sleep(0.05)
    raise AssertionError(f"{name} never became {status}: {detail['ApplicationStatus']}")


created = client.create_application(
    ApplicationName=name,
    RuntimeEnvironment="FLINK-2_2",
    ServiceExecutionRole="arn:aws:iam::000000000000:role/flink",
    ApplicationConfiguration={
        "ApplicationCodeConfiguration": {"CodeContentType": "PLAINTEXT", "CodeContent": {"TextContent": sql}},
        "ApplicationSnapshotConfiguration": {"SnapshotsEnabled": True},
        "EnvironmentProperties": {"PropertyGroups": [{"PropertyGroupId": "g", "PropertyMap": {"k": "v"}}]},
    },
    Tags=[{"Key": "team", "Value": "data"}],
)["ApplicationDetail"]
assert created["ApplicationVersionId"] == 1, created
assert created["CreateTimestamp"].year >= 2024, created
names, token = [], None
while True:
    page = client.list_applications(Limit=2, **({"NextToken": token} if token else {}))
    names += [a["ApplicationName"] for a in page["ApplicationSummaries"]]
    token = page.get("NextToken")
    if not token:
        break
assert name in names, names

client.start_application(
    ApplicationName=name,
    RunConfiguration={"ApplicationRestoreConfiguration": {"ApplicationRestoreType": "SKIP_RESTORE_FROM_SNAPSHOT"}},
)
wait_for("RUNNING")
client.create_application_snapshot(ApplicationName=name, SnapshotName="s1")
for _ in range(200):
    snapshot = client.describe_application_snapshot(ApplicationName=name, SnapshotName="s1")["SnapshotDetails"]
    if snapshot["SnapshotStatus"] == "READY":
        break
    time.sleep(0.05)
assert snapshot["SnapshotStatus"] == "READY", snapshot
url = client.create_application_presigned_url(ApplicationName=name, UrlType="FLINK_DASHBOARD_URL")["AuthorizedUrl"]
assert url.startswith("http"), url
client.stop_application(ApplicationName=name)
ready = wait_for("READY")

updated = client.update_application(
    ApplicationName=name,
    CurrentApplicationVersionId=ready["ApplicationVersionId"],
    ApplicationConfigurationUpdate={
        "FlinkApplicationConfigurationUpdate": {
            "ParallelismConfigurationUpdate": {"ConfigurationTypeUpdate": "CUSTOM", "ParallelismUpdate": 2}
        }
    },
)
assert updated["ApplicationDetail"]["ApplicationVersionId"] == 2, updated
versions = client.list_application_versions(ApplicationName=name)["ApplicationVersionSummaries"]
assert [v["ApplicationVersionId"] for v in versions] == [2, 1], versions
client.describe_application_version(ApplicationName=name, ApplicationVersionId=1)
rolled = client.rollback_application(ApplicationName=name, CurrentApplicationVersionId=2)["ApplicationDetail"]
assert rolled["ApplicationVersionRolledBackTo"] == 1, rolled

operations = client.list_application_operations(ApplicationName=name)["ApplicationOperationInfoList"]
kinds = {o["Operation"] for o in operations}
assert {"StartApplication", "StopApplication", "UpdateApplication", "RollbackApplication"} <= kinds, operations
client.describe_application_operation(ApplicationName=name, OperationId=operations[0]["OperationId"])
snapshots = client.list_application_snapshots(ApplicationName=name)["SnapshotSummaries"]
assert len(snapshots) == 2, snapshots

arn = created["ApplicationARN"]
client.tag_resource(ResourceARN=arn, Tags=[{"Key": "cost", "Value": "42"}])
client.untag_resource(ResourceARN=arn, TagKeys=["team"])
assert client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "cost", "Value": "42"}]

try:
    client.describe_application(ApplicationName="no-such-app-" + name)
    raise AssertionError("no error for an unknown application")
except client.exceptions.ResourceNotFoundException:
    pass

client.delete_application_snapshot(
    ApplicationName=name, SnapshotName="s1", SnapshotCreationTimestamp=snapshot["SnapshotCreationTimestamp"]
)
client.delete_application(ApplicationName=name, CreateTimestamp=created["CreateTimestamp"])
print("ok")
