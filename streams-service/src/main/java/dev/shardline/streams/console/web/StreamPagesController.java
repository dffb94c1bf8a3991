package dev.shardline.streams.console.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.console.ConsoleOutcome;
import dev.shardline.platform.console.ConsolePage;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's stream pages: the list (with the create form), a stream's page and the part of it that updates live
 * (its shard map and per-shard rates). The forms that change a stream are {@link StreamFormsController}'s.
 */
@Controller
class StreamPagesController implements ConsolePage {

    static final String REFRESH_EVENT = "shardline-refresh";
    private static final int PAGE = 100;

    private final StreamService streams;
    private final StreamPanels panels;
    private final RestCaller caller;

    StreamPagesController(StreamService streams, StreamPanels panels, RestCaller caller) {
        this.streams = streams;
        this.panels = panels;
        this.caller = caller;
    }

    @GetMapping("/console/streams")
    String list(@RequestParam(required = false) String after, Model model) {
        model.addAttribute("active", "streams");
        listInto(after, model);
        return "console/streams/list";
    }

    @GetMapping("/console/streams/table")
    String table(@RequestParam(required = false) String after, Model model) {
        listInto(after, model);
        return "console/streams/list :: table";
    }

    private void listInto(String after, Model model) {
        StreamService.StreamPage page = streams.list(caller.accountId(), caller.region(), after, PAGE);
        model.addAttribute("streams", page.streams().stream().map(StreamRow::of).toList());
        model.addAttribute("hasMore", page.hasMore());
        model.addAttribute("after", after);
        model.addAttribute(
                "next",
                page.streams().isEmpty()
                        ? null
                        : page.streams().get(page.streams().size() - 1).ref().name());
    }

    @PostMapping("/console/streams")
    String create(
            @RequestParam String name,
            @RequestParam(defaultValue = "PROVISIONED") String mode,
            @RequestParam(required = false) String shardCount,
            Model model,
            HttpServletResponse response) {
        ConsoleOutcome outcome = ConsoleOutcome.attempt(() -> {
            StreamName valid = new StreamName(name);
            StreamMode streamMode = Forms.mode(mode);
            int shards = streamMode == StreamMode.ON_DEMAND && (shardCount == null || shardCount.isBlank())
                    ? 4
                    : Forms.integer("ShardCount", shardCount);
            if (shards < 1) {
                throw AwsErrorType.VALIDATION.exception(
                        "1 validation error detected: Value '" + shards
                                + "' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            streams.create(new StreamRef(caller.accountId(), caller.region(), valid.value()), shards, streamMode);
            return "Stream " + valid.value() + " is being created.";
        });
        return Forms.outcome(outcome, model, response);
    }

    @GetMapping("/console/streams/{name}")
    String stream(@PathVariable String name, Model model) {
        model.addAttribute("active", "streams");
        panels.streamInto(ref(name), model);
        return "console/streams/stream";
    }

    @GetMapping("/console/streams/{name}/live")
    String live(@PathVariable String name, Model model) {
        panels.liveInto(ref(name), model);
        return "console/streams/stream :: live";
    }

    @GetMapping("/console/streams/{name}/forms")
    String forms(@PathVariable String name, Model model) {
        panels.streamInto(ref(name), model);
        return "console/streams/stream :: forms";
    }

    /** A stream that does not exist (or a name that cannot be one): the page says so in AWS's words. */
    @ExceptionHandler(AwsException.class)
    String refused(AwsException refused, Model model, HttpServletResponse response) {
        response.setStatus(refused.errorType() == AwsErrorType.RESOURCE_NOT_FOUND ? 404 : 400);
        model.addAttribute("active", "streams");
        model.addAttribute(
                "outcome",
                new ConsoleOutcome(
                        false, refused.getMessage(), refused.errorType().type()));
        return "console/streams/refused";
    }

    private StreamRef ref(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
