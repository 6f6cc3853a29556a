package talos.core.security;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns user-supplied text into plain text without HTML: tags are removed (their text kept),
 * comments and scripts dropped, entities decoded. The result is applied until it no longer changes,
 * so that entity-encoded markup such as {@code &lt;script&gt;} cannot survive as a tag.
 */
public final class Sanitizer {

  private static final int MAX_ROUNDS = 5;

  private Sanitizer() {
  }

  /** Plain text of {@code input}, trimmed; {@code null} stays {@code null}. */
  public static String plainText(String input) {
    if (input == null) {
      return null;
    }
    String current = input;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String next = strip(current);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current.strip();
  }

  private static String strip(String text) {
    if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
      return text;
    }
    Document document = Jsoup.parseBodyFragment(text);
    document.select("script, style, template, noscript, iframe, object").remove();
    StringBuilder out = new StringBuilder();
    document.body().traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          out.append(textNode.getWholeText());
        }
      }
    });
    return out.toString();
  }
}
