package dev.shardline.platform.console;

import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The navigation every console page shows: the overview, then each service's section in order. */
@ControllerAdvice(assignableTypes = ConsolePage.class)
class ConsoleLayoutAdvice {

    private final List<ConsoleSection> sections;

    ConsoleLayoutAdvice(ObjectProvider<ConsoleSection> sections) {
        this.sections = sections.orderedStream()
                .sorted(Comparator.comparingInt(ConsoleSection::order).thenComparing(ConsoleSection::title))
                .toList();
    }

    @ModelAttribute("consoleSections")
    List<ConsoleSection> sections() {
        return sections;
    }
}
