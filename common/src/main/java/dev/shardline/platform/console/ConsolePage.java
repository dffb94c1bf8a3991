package dev.shardline.platform.console;

/**
 * Marks a console controller: its views get the layout's model (the navigation) from {@link ConsoleLayoutAdvice}.
 * The views extend the layout fragment {@code console/layout :: page}.
 */
public interface ConsolePage {}
