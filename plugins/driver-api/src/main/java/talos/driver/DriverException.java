package talos.driver;

/** A failed driver call; the message is one line an operator can act on. */
public class DriverException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureCode code;

  public DriverException(FailureCode code, String message) {
    super(message);
    this.code = code;
  }

  public DriverException(FailureCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
