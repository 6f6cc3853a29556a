package talos.driver;

/** A driver's state, as YAMCS reports its links. */
public enum HealthState {
  /** Talking to the device. */
  OK,
  /** The device cannot be reached for now; the driver keeps trying. */
  UNAVAILABLE,
  /** Switched off by configuration or by the operator. */
  DISABLED,
  /** Stopped for good until reconfigured: a configuration error or a device that refuses us. */
  FAILED
}
