package talos.protocol;

/** A message or topic that breaks the protocol; the message names the field, the value and the rule. */
public final class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public ProtocolException(String field, Object value, String allowed) {
    super(field + " " + describe(value) + " is not allowed: " + allowed);
    this.field = field;
  }

  /** The JSON path of the offending field, such as {@code points[3].az}. */
  public String field() {
    return field;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "(missing)";
    }
    String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
