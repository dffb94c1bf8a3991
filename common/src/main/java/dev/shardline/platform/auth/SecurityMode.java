package dev.shardline.platform.auth;

/** How the AWS wire treats a request's signature ({@code shardline.security.mode}). */
public enum SecurityMode {
    /**
     * Any SigV4-shaped request passes unverified, and a 12-digit access key id names the account: local play only
     * (only a request with no signature at all is refused).
     */
    ACCEPT_ANY,
    /** Every request's SigV4 signature is verified against the configured credentials, which also give the account. */
    ENFORCE
}
