package talos.driver;

/** The kinds of device a driver can run. */
public enum DeviceKind {
  ROTATOR, RADIO
}
