package talos.driver;

/** How the samples of an {@link IqBlock} are laid out. */
public enum IqFormat {

  /**
   * Unsigned 8-bit, interleaved: I then Q for each sample, each byte {@code 0} to {@code 255}
   * with zero at 127.5, as RTL-SDR receivers deliver them.
   */
  CU8(2);

  private final int bytesPerSample;

  IqFormat(int bytesPerSample) {
    this.bytesPerSample = bytesPerSample;
  }

  /** How many bytes one I/Q sample takes. */
  public int bytesPerSample() {
    return bytesPerSample;
  }
}
