package talos.driver;

/** An antenna direction in degrees: azimuth clockwise from true north, elevation above horizon. */
public record Position(double azimuth, double elevation) {

  public Position {
    if (!Double.isFinite(azimuth) || !Double.isFinite(elevation)) {
      throw new DriverException(FailureCode.INVALID_ARGUMENT,
          "position " + azimuth + "°, " + elevation + "° is not a finite direction");
    }
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "az %.2f° el %.2f°", azimuth, elevation);
  }
}
