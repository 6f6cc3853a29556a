package talos.core.orbit.rotator;

/** How a rotator path points the antenna at the satellite. */
public enum RotatorMode {

  /** Azimuth within [0°, 360°] and elevation at most 90° throughout. */
  NORMAL,

  /**
   * Not flipped, but the azimuth continues past 360° or below 0° within the rotator's travel, so
   * that a pass crossing north needs no trip from one stop to the other. On a -180..180 rotator
   * every pass through the western half of the sky is commanded with negative azimuths, so it is
   * reported in this mode too.
   */
  OVERLAP,

  /**
   * At least part of the pass is commanded beyond the zenith (elevation above 90°): the satellite
   * at compass (az, el) is pointed at as rotator azimuth az ± 180° and elevation 180° - el.
   */
  FLIP
}
