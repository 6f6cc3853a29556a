package talos.core.catalog;

/**
 * A line of input without trailing whitespace.
 *
 * @param number the 1-based line number in the input
 * @param text the line, never blank
 */
record NumberedLine(int number, String text) {
}
