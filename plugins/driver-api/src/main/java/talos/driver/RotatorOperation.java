package talos.driver;

/** The operations of {@link RotatorDriver} a device may offer. */
public enum RotatorOperation {
  GET_POSITION, SET_POSITION, STOP, PARK
}
