package dev.shardline.platform.console;

import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /console}: the health of the infrastructure, each service's totals and the links to the other faces. */
@Controller
class OverviewController implements ConsolePage {

    private final ObjectProvider<ConsoleSection> sections;
    private final ObjectProvider<ConsoleHealthCheck> checks;

    OverviewController(ObjectProvider<ConsoleSection> sections, ObjectProvider<ConsoleHealthCheck> checks) {
        this.sections = sections;
        this.checks = checks;
    }

    record SectionTotals(ConsoleSection section, List<ConsoleTotal> totals) {}

    record CheckResult(String name, ConsoleHealthCheck.Health health) {}

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        model.addAttribute("active", "overview");
        model.addAttribute(
                "health",
                checks.orderedStream()
                        .sorted(Comparator.comparingInt(ConsoleHealthCheck::order))
                        .map(check -> new CheckResult(check.name(), check.check()))
                        .toList());
        model.addAttribute(
                "totals",
                sections.orderedStream()
                        .sorted(Comparator.comparingInt(ConsoleSection::order))
                        .map(section -> new SectionTotals(section, section.totals()))
                        .toList());
        return "console/overview";
    }
}
