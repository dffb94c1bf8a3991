package dev.shardline.platform.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the AWS wire, and as which account.
 *
 * @param mode {@code accept-any} (any signature passes) or {@code enforce}; unset it is {@code accept-any} here, but the
 *     standalone services' {@code main} sets {@code enforce} (ServiceApplications) and the all-in-one runtime
 *     {@code accept-any} only while it listens on loopback
 * @param credentials access key pairs, each with the account its requests run in
 * @param credentialsFile more credentials, one per line: {@code access-key-id secret-access-key account-id}
 *     separated by blanks; blank lines and lines starting with {@code #} are skipped
 */
@Validated
@ConfigurationProperties("shardline.security")
public record SecurityProperties(
        @DefaultValue("accept-any") @NotNull SecurityMode mode,
        @DefaultValue List<@Valid Credential> credentials,
        Path credentialsFile) {

    /**
     * One access key pair and the account its requests run in.
     *
     * @param accessKeyId what clients send in their credential scope ({@code AWS_ACCESS_KEY_ID})
     * @param secretAccessKey the shared secret the signature is computed with; never logged
     * @param accountId the 12-digit account every request signed with this key runs in
     */
    public record Credential(
            @NotBlank @Pattern(regexp = "[^\\s/]+", message = "must not contain blanks or '/'")
            String accessKeyId,

            @NotBlank String secretAccessKey,
            @NotNull @Pattern(regexp = "\\d{12}") String accountId) {

        @Override
        public String toString() {
            return "Credential[accessKeyId=" + accessKeyId + ", secretAccessKey=****, accountId=" + accountId + "]";
        }
    }
}
