package dev.shardline.platform.console;

/** One number on the overview, e.g. 3 "Open shards", with a link to the page that lists them (or null). */
public record ConsoleTotal(String label, long value, String href) {}
