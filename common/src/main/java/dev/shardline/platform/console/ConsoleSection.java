package dev.shardline.platform.console;

import java.util.List;

/**
 * A service's part of the web console: its entry in the navigation and its totals on the overview. Each service
 * declares one as a bean, so a standalone service shows its own part and the all-in-one runtime shows them all.
 * {@link #totals()} runs on the overview's request, so a section may ask {@code RestCaller} whose totals to count.
 */
public interface ConsoleSection {

    /** A short stable id, e.g. {@code streams}; the navigation marks the page whose section has this id. */
    String id();

    /** The navigation's label, e.g. "Streams". */
    String title();

    /** Where the section's first page is, e.g. {@code /console/streams}. */
    String path();

    /** Where the section sits in the navigation, lowest first. */
    default int order() {
        return 100;
    }

    /** What the overview counts for this section (streams, shards, ...), for the caller's account and region. */
    default List<ConsoleTotal> totals() {
        return List.of();
    }
}
