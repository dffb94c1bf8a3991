package dev.shardline.keys;

/** Where a key id is resolved: key ids, aliases and ARNs belong to one account in one region, as in AWS KMS. */
public record KeyScope(String accountId, String region) {

    public String keyArn(String keyId) {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public String aliasArn(String aliasName) {
        return "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName;
    }
}
