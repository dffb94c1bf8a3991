package dev.shardline.streams.console.web;

import dev.shardline.platform.console.ConsoleOutcome;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.stream.StreamMode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.ui.Model;

/** What the console's forms share: reading their fields as the AWS API would, and answering with the outcome. */
final class Forms {

    private Forms() {}

    static int integer(String member, String value) {
        if (value == null || value.isBlank()) {
            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: " + "Member must not be null");
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw AwsErrorType.SERIALIZATION.exception("Value '" + value + "' of " + member + " is not an integer");
        }
    }

    static StreamMode mode(String mode) {
        if (!List.of("PROVISIONED", "ON_DEMAND").contains(mode)) {
            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value '" + mode
                    + "' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value"
                    + " set: [ON_DEMAND, PROVISIONED]");
        }
        return StreamMode.valueOf(mode);
    }

    /** The outcome fragment; a success also tells the page (an htmx event) to refresh its live parts at once. */
    static String outcome(ConsoleOutcome outcome, Model model, HttpServletResponse response) {
        model.addAttribute("outcome", outcome);
        if (outcome.ok()) {
            response.setHeader("HX-Trigger", StreamPagesController.REFRESH_EVENT);
        }
        return "console/streams/fragments :: outcome";
    }
}
