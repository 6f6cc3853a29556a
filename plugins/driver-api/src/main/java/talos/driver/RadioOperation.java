package talos.driver;

/** The operations of {@link RadioDriver} a device may offer. */
public enum RadioOperation {
  GET_FREQUENCY, SET_FREQUENCY, SET_UPLINK_FREQUENCY, GET_MODE, SET_MODE
}
