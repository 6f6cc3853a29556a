package talos.core.orbit.sgp4;

import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.DateTimeComponents;

/**
 * SGP4/SDP4 for one two-line element set: where the satellite is, in TEME, at a given time since
 * the epoch of its elements, in about a microsecond and with no allocation.
 *
 * <p>The model is that of Hoots and Roehrich, Spacetrack Report No. 3 (1980), with the corrections
 * of Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753),
 * operation mode 'i' (improved), with the WGS-72 constants element sets are made with. Orbits of
 * period 225 minutes or more take the deep-space terms (SDP4): lunar-solar secular and periodic
 * terms and the 12-hour and 24-hour resonances.
 *
 * <p>All initialisation happens in the constructor. Instances are immutable and
 * {@link #propagate} keeps no state between calls and allocates nothing, so one instance can be
 * shared by any number of threads.
 */
public final class Sgp4 {

  /** WGS-72 equatorial radius of the Earth, the model's unit of length (km). */
  static final double EARTH_RADIUS_KM = 6378.135;
  /** WGS-72 gravitational parameter of the Earth (km^3/s^2). */
  static final double MU_KM3_PER_S2 = 398600.8;
  /** Square root of the gravitational parameter in Earth radii^1.5 per minute. */
  static final double XKE = 60.0 / Math.sqrt(EARTH_RADIUS_KM * EARTH_RADIUS_KM * EARTH_RADIUS_KM
      / MU_KM3_PER_S2);
  /** WGS-72 second zonal harmonic. */
  static final double J2 = 0.001082616;
  /** WGS-72 third zonal harmonic. */
  static final double J3 = -0.00000253881;
  /** WGS-72 fourth zonal harmonic. */
  static final double J4 = -0.00000165597;
  private static final double J3_OVER_J2 = J3 / J2;

  /** Orbits of this period or longer are deep-space ones (min). */
  private static final double DEEP_SPACE_PERIOD = 225.0;
  private static final double TWO_PI = 2 * Math.PI;
  private static final double TWO_THIRDS = 2.0 / 3.0;
  /** Guards the division by 1 + cos(i) for retrograde equatorial orbits. */
  private static final double SMALL = 1.5e-12;
  /** Modified Julian day of 1949 December 31. */
  private static final int MJD_1950 = 33281;
  /** Modified Julian date of 2000 January 1 12:00 (J2000). */
  private static final double MJD_J2000 = 51544.5;
  /** Metres per model length unit. */
  private static final double METRES = EARTH_RADIUS_KM * 1000.0;
  /** Metres per second per model velocity unit (Earth radii per 1 / XKE minutes). */
  private static final double METRES_PER_SECOND = EARTH_RADIUS_KM * 1000.0 * XKE / 60.0;
  private static final int KEPLER_ITERATIONS = 10;
  private static final double KEPLER_TOLERANCE = 1.0e-12;
  private static final double KEPLER_MAX_STEP = 0.95;

  private final AbsoluteDate epoch;
  private final double epochDaysSince1950;
  /** Why the element set cannot be propagated, or OK. */
  private final Sgp4Status elementStatus;

  // mean elements at epoch (rad, rad/min)
  private final double ecco;
  private final double inclo;
  private final double nodeo;
  private final double argpo;
  private final double mo;
  private final double bstar;
  /** Un-Kozai'd (Brouwer) mean motion (rad/min). */
  private final double no;
  /** Semi-major axis matching {@link #no} (Earth radii). */
  private final double ao;

  // secular rates from the geopotential (rad/min)
  private final double mdot;
  private final double argpdot;
  private final double nodedot;
  /** Quadratic node drift from drag (rad/min^2). */
  private final double nodecf;

  // drag: secular coefficients C1, C4, C5 and the polynomial terms of a and L
  private final double cc1;
  private final double cc4;
  private final double cc5;
  private final double t2cof;
  private final double t3cof;
  private final double t4cof;
  private final double t5cof;
  private final double d2;
  private final double d3;
  private final double d4;
  /** Drag correction to the argument of perigee, from C3 (rad/min). */
  private final double omgcof;
  /** Drag correction to the mean anomaly. */
  private final double xmcof;
  /** Eta, the ratio ao * e / (ao - s). */
  private final double eta;
  /** (1 + eta cos M0)^3. */
  private final double delmo;
  /** sin M0. */
  private final double sinmao;
  /** Whether the drag terms are truncated (perigee below 220 km, and every deep-space orbit). */
  private final boolean simplified;

  // functions of the epoch inclination for the long- and short-period terms
  private final double sinio;
  private final double cosio;
  private final double con41;
  private final double x1mth2;
  private final double x7thm1;
  private final double xlcof;
  private final double aycof;

  /** The deep-space terms, or null for a near-Earth orbit. */
  private final DeepSpace deepSpace;

  /**
   * Prepares the model for one element set. Never fails: an element set the model cannot
   * propagate (mean motion not positive, eccentricity outside [0, 1)) gives an instance whose
   * every propagation returns the reason.
   *
   * @param elements the element set; its epoch is read in the UTC scale it was parsed with
   *     ({@link TLE#getUtc()})
   */
  public Sgp4(TLE elements) {
    this(elements.getDate(), daysSince1950(elements), elements.getMeanMotion() * 60.0,
        elements.getE(), elements.getI(), elements.getRaan(), elements.getPerigeeArgument(),
        elements.getMeanAnomaly(), elements.getBStar());
  }

  /**
   * Prepares the model from mean elements.
   *
   * @param epoch epoch of the elements
   * @param epochDaysSince1950 epoch in days since 1949 December 31 00:00 UTC
   * @param noKozai mean motion as published, Kozai's (rad/min)
   * @param ecco eccentricity
   * @param inclo inclination (rad)
   * @param nodeo right ascension of the ascending node (rad)
   * @param argpo argument of perigee (rad)
   * @param mo mean anomaly (rad)
   * @param bstar drag term B* (per Earth radius)
   */
  private Sgp4(AbsoluteDate epoch, double epochDaysSince1950, double noKozai, double ecco,
      double inclo, double nodeo, double argpo, double mo, double bstar) {
    this.epoch = epoch;
    this.epochDaysSince1950 = epochDaysSince1950;
    if (!(noKozai > 0.0) || Double.isInfinite(noKozai)) {
      elementStatus = Sgp4Status.MEAN_MOTION_NOT_POSITIVE;
    } else if (!(ecco >= 0.0 && ecco < 1.0)) {
      elementStatus = Sgp4Status.ECCENTRICITY_INVALID;
    } else {
      elementStatus = Sgp4Status.OK;
    }
    if (!elementStatus.isOk()) {
      // harmless stand-ins keep the coefficients finite; propagate never reaches them
      noKozai = 0.06;
      ecco = 0.0;
    }
    this.ecco = ecco;
    this.inclo = inclo;
    this.nodeo = nodeo;
    this.argpo = argpo;
    this.mo = mo;
    this.bstar = bstar;

    // functions of the epoch elements
    cosio = Math.cos(inclo);
    sinio = Math.sin(inclo);
    double cosio2 = cosio * cosio;
    double eccsq = ecco * ecco;
    double omeosq = 1.0 - eccsq;
    double rteosq = Math.sqrt(omeosq);

    // recover the Brouwer mean motion and semi-major axis from Kozai's mean motion
    double ak = Math.pow(XKE / noKozai, TWO_THIRDS);
    double d1 = 0.75 * J2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
    double del = d1 / (ak * ak);
    double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
    del = d1 / (adel * adel);
    no = noKozai / (1.0 + del);
    ao = Math.pow(XKE / no, TWO_THIRDS);

    double po = ao * omeosq;
    double con42 = 1.0 - 5.0 * cosio2;
    con41 = -con42 - cosio2 - cosio2;
    double posq = po * po;
    double rp = ao * (1.0 - ecco);
    boolean deep = TWO_PI / no >= DEEP_SPACE_PERIOD;
    simplified = deep || rp < 220.0 / EARTH_RADIUS_KM + 1.0;

    // atmosphere: the density function's s and (q0 - s)^4, lowered for low perigees
    double sfour = 78.0 / EARTH_RADIUS_KM + 1.0;
    double qzms24 = Math.pow((120.0 - 78.0) / EARTH_RADIUS_KM, 4);
    double perigeeKm = (rp - 1.0) * EARTH_RADIUS_KM;
    if (perigeeKm < 156.0) {
      sfour = perigeeKm < 98.0 ? 20.0 : perigeeKm - 78.0;
      qzms24 = Math.pow((120.0 - sfour) / EARTH_RADIUS_KM, 4);
      sfour = sfour / EARTH_RADIUS_KM + 1.0;
    }
    double pinvsq = 1.0 / posq;
    double tsi = 1.0 / (ao - sfour);
    eta = ao * ecco * tsi;
    double etasq = eta * eta;
    double eeta = ecco * eta;
    double psisq = Math.abs(1.0 - etasq);
    double coef = qzms24 * Math.pow(tsi, 4);
    double coef1 = coef / Math.pow(psisq, 3.5);
    double cc2 = coef1 * no * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq))
        + 0.375 * J2 * tsi / psisq * con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
    cc1 = bstar * cc2;
    double cc3 = ecco > 1.0e-4 ? -2.0 * coef * tsi * J3_OVER_J2 * no * sinio / ecco : 0.0;
    x1mth2 = 1.0 - cosio2;
    cc4 = 2.0 * no * coef1 * ao * omeosq * (eta * (2.0 + 0.5 * etasq)
        + ecco * (0.5 + 2.0 * etasq) - J2 * tsi / (ao * psisq)
        * (-3.0 * con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta))
        + 0.75 * x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * Math.cos(2.0 * argpo)));
    cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

    // secular rates from J2 and J4
    double cosio4 = cosio2 * cosio2;
    double temp1 = 1.5 * J2 * pinvsq * no;
    double temp2 = 0.5 * temp1 * J2 * pinvsq;
    double temp3 = -0.46875 * J4 * pinvsq * pinvsq * no;
    mdot = no + 0.5 * temp1 * rteosq * con41
        + 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
    argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
        + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
    double xhdot1 = -temp1 * cosio;
    nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2))
        * cosio;
    omgcof = bstar * cc3 * Math.cos(argpo);
    xmcof = ecco > 1.0e-4 ? -TWO_THIRDS * coef * bstar / eeta : 0.0;
    nodecf = 3.5 * omeosq * xhdot1 * cc1;
    t2cof = 1.5 * cc1;
    xlcof = longPeriodLongitudeFactor(sinio, cosio);
    aycof = -0.5 * J3_OVER_J2 * sinio;
    delmo = Math.pow(1.0 + eta * Math.cos(mo), 3);
    sinmao = Math.sin(mo);
    x7thm1 = 7.0 * cosio2 - 1.0;

    if (simplified) {
      d2 = 0.0;
      d3 = 0.0;
      d4 = 0.0;
      t3cof = 0.0;
      t4cof = 0.0;
      t5cof = 0.0;
    } else {
      double cc1sq = cc1 * cc1;
      d2 = 4.0 * ao * tsi * cc1sq;
      double temp = d2 * tsi * cc1 / 3.0;
      d3 = (17.0 * ao + sfour) * temp;
      d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * cc1;
      t3cof = d2 + 2.0 * cc1sq;
      t4cof = 0.25 * (3.0 * d3 + cc1 * (12.0 * d2 + 10.0 * cc1sq));
      t5cof = 0.2 * (3.0 * d4 + 12.0 * cc1 * d3 + 6.0 * d2 * d2
          + 15.0 * cc1sq * (2.0 * d2 + cc1sq));
    }

    deepSpace = deep
        ? new DeepSpace(epochDaysSince1950, greenwichSiderealAngle(epochDaysSince1950), ecco,
            inclo, nodeo, argpo, mo, no, mdot, argpdot, nodedot)
        : null;
  }

  /**
   * Computes the position and velocity at a time since epoch.
   *
   * @param minutesSinceEpoch time since the epoch of the elements (min), negative before it
   * @param positionVelocity receives x, y, z (m) and vx, vy, vz (m/s) in TEME; it must hold at
   *     least 6 values. Filled with NaN when the model fails.
   * @return true when the state was computed; {@link #propagateWithStatus} says why not
   */
  public boolean propagate(double minutesSinceEpoch, double[] positionVelocity) {
    return propagateWithStatus(minutesSinceEpoch, positionVelocity) == Sgp4Status.OK;
  }

  /**
   * Computes the position and velocity at a time since epoch, and says why the model failed when
   * it did. Never throws (but for an array shorter than 6) and allocates nothing.
   *
   * @param minutesSinceEpoch time since the epoch of the elements (min), negative before it
   * @param positionVelocity receives x, y, z (m) and vx, vy, vz (m/s) in TEME; it must hold at
   *     least 6 values. Filled with NaN when the model fails.
   * @return {@link Sgp4Status#OK}, or the reason no state was computed
   */
  public Sgp4Status propagateWithStatus(double minutesSinceEpoch, double[] positionVelocity) {
    Sgp4Status status = compute(minutesSinceEpoch, positionVelocity);
    if (status != Sgp4Status.OK) {
      for (int i = 0; i < 6; i++) {
        positionVelocity[i] = Double.NaN;
      }
    }
    return status;
  }

  /** Minutes from the epoch of the elements to {@code date}, negative before it. */
  public double minutesSinceEpoch(AbsoluteDate date) {
    return date.durationFrom(epoch) / 60.0;
  }

  /** The epoch of the elements. */
  public AbsoluteDate epoch() {
    return epoch;
  }

  /** The epoch of the elements in days since 1949 December 31 00:00 UTC. */
  public double epochDaysSince1950() {
    return epochDaysSince1950;
  }

  /** Whether the orbit takes the deep-space terms (SDP4): its period is 225 minutes or more. */
  public boolean isDeepSpace() {
    return deepSpace != null;
  }

  /** The resonance the deep-space terms integrate, NONE for near-Earth orbits. */
  DeepSpace.Resonance resonance() {
    return deepSpace == null ? DeepSpace.Resonance.NONE : deepSpace.resonance();
  }

  /**
   * The model itself: writes the state into {@code pv} and returns OK, or returns the failure and
   * leaves {@code pv} undefined. For deep-space orbits {@code pv} also serves as scratch for the
   * mean elements the deep-space terms update (indexed by the {@link DeepSpace} constants).
   */
  private Sgp4Status compute(double t, double[] pv) {
    if (!elementStatus.isOk()) {
      return elementStatus;
    }
    if (Double.isNaN(t) || Double.isInfinite(t)) {
      return Sgp4Status.TIME_NOT_FINITE;
    }

    // secular effects of gravity and drag
    double xmdf = mo + mdot * t;
    double argpm = argpo + argpdot * t;
    double t2 = t * t;
    double nodem = nodeo + nodedot * t + nodecf * t2;
    double mm = xmdf;
    double tempa = 1.0 - cc1 * t;
    double tempe = bstar * cc4 * t;
    double templ = t2cof * t2;
    if (!simplified) {
      double delomg = omgcof * t;
      double delmtemp = 1.0 + eta * Math.cos(xmdf);
      double delm = xmcof * (delmtemp * delmtemp * delmtemp - delmo);
      double temp = delomg + delm;
      mm = xmdf + temp;
      argpm -= temp;
      double t3 = t2 * t;
      double t4 = t3 * t;
      tempa = tempa - d2 * t2 - d3 * t3 - d4 * t4;
      tempe += bstar * cc5 * (Math.sin(mm) - sinmao);
      templ = templ + t3cof * t3 + t4 * (t4cof + t * t5cof);
    }

    double em = ecco;
    double inclm = inclo;
    double nm = no;
    double am;
    if (deepSpace == null) {
      am = ao * tempa * tempa;
    } else {
      pv[DeepSpace.ECCENTRICITY] = em;
      pv[DeepSpace.INCLINATION] = inclm;
      pv[DeepSpace.PERIGEE] = argpm;
      pv[DeepSpace.NODE] = nodem;
      pv[DeepSpace.MEAN_ANOMALY] = mm;
      pv[DeepSpace.MEAN_MOTION] = nm;
      deepSpace.addSecularTerms(t, pv);
      em = pv[DeepSpace.ECCENTRICITY];
      inclm = pv[DeepSpace.INCLINATION];
      argpm = pv[DeepSpace.PERIGEE];
      nodem = pv[DeepSpace.NODE];
      mm = pv[DeepSpace.MEAN_ANOMALY];
      nm = pv[DeepSpace.MEAN_MOTION];
      if (!(nm > 0.0)) {
        return Sgp4Status.MEAN_MOTION_NOT_POSITIVE;
      }
      am = Math.pow(XKE / nm, TWO_THIRDS) * tempa * tempa;
    }
    nm = XKE / (am * Math.sqrt(am));
    em -= tempe;
    if (!(em < 1.0 && em >= -0.001)) {
      return Sgp4Status.MEAN_ECCENTRICITY_OUT_OF_RANGE;
    }
    if (em < 1.0e-6) {
      em = 1.0e-6;
    }
    mm += no * templ;

    // lunar-solar periodics
    double ep = em;
    double xincp = inclm;
    double argpp = argpm;
    double nodep = nodem;
    double mp = mm;
    double sinip = sinio;
    double cosip = cosio;
    double con41p = con41;
    double x1mth2p = x1mth2;
    double x7thm1p = x7thm1;
    double xlcofp = xlcof;
    double aycofp = aycof;
    if (deepSpace != null) {
      pv[DeepSpace.ECCENTRICITY] = ep;
      pv[DeepSpace.INCLINATION] = xincp;
      pv[DeepSpace.PERIGEE] = argpp;
      pv[DeepSpace.NODE] = nodep;
      pv[DeepSpace.MEAN_ANOMALY] = mp;
      deepSpace.addPeriodicTerms(t, pv);
      ep = pv[DeepSpace.ECCENTRICITY];
      xincp = pv[DeepSpace.INCLINATION];
      argpp = pv[DeepSpace.PERIGEE];
      nodep = pv[DeepSpace.NODE];
      mp = pv[DeepSpace.MEAN_ANOMALY];
      if (xincp < 0.0) {
        xincp = -xincp;
        nodep += Math.PI;
        argpp -= Math.PI;
      }
      if (ep < 0.0 || ep > 1.0) {
        return Sgp4Status.PERTURBED_ECCENTRICITY_OUT_OF_RANGE;
      }
      sinip = Math.sin(xincp);
      cosip = Math.cos(xincp);
      double cosisq = cosip * cosip;
      con41p = 3.0 * cosisq - 1.0;
      x1mth2p = 1.0 - cosisq;
      x7thm1p = 7.0 * cosisq - 1.0;
      xlcofp = longPeriodLongitudeFactor(sinip, cosip);
      aycofp = -0.5 * J3_OVER_J2 * sinip;
    }

    // long-period periodics
    double axnl = ep * Math.cos(argpp);
    double temp = 1.0 / (am * (1.0 - ep * ep));
    double aynl = ep * Math.sin(argpp) + temp * aycofp;
    double xl = mp + argpp + nodep + temp * xlcofp * axnl;

    // Kepler's equation for the eccentric longitude
    double u = (xl - nodep) % TWO_PI;
    double eo1 = u;
    double sineo1 = 0.0;
    double coseo1 = 1.0;
    for (int iteration = 0; iteration < KEPLER_ITERATIONS; iteration++) {
      sineo1 = Math.sin(eo1);
      coseo1 = Math.cos(eo1);
      double step = (u - aynl * coseo1 + axnl * sineo1 - eo1)
          / (1.0 - coseo1 * axnl - sineo1 * aynl);
      if (Math.abs(step) >= KEPLER_MAX_STEP) {
        step = step > 0.0 ? KEPLER_MAX_STEP : -KEPLER_MAX_STEP;
      }
      eo1 += step;
      if (Math.abs(step) < KEPLER_TOLERANCE) {
        break;
      }
    }

    // short-period preliminaries
    double ecose = axnl * coseo1 + aynl * sineo1;
    double esine = axnl * sineo1 - aynl * coseo1;
    double el2 = axnl * axnl + aynl * aynl;
    double pl = am * (1.0 - el2);
    if (!(pl >= 0.0)) {
      return Sgp4Status.SEMI_LATUS_RECTUM_NEGATIVE;
    }
    double rl = am * (1.0 - ecose);
    double rdotl = Math.sqrt(am) * esine / rl;
    double rvdotl = Math.sqrt(pl) / rl;
    double betal = Math.sqrt(1.0 - el2);
    temp = esine / (1.0 + betal);
    double sinu = am / rl * (sineo1 - aynl - axnl * temp);
    double cosu = am / rl * (coseo1 - axnl + aynl * temp);
    double su = Math.atan2(sinu, cosu);
    double sin2u = (cosu + cosu) * sinu;
    double cos2u = 1.0 - 2.0 * sinu * sinu;
    temp = 1.0 / pl;
    double temp1 = 0.5 * J2 * temp;
    double temp2 = temp1 * temp;

    // short-period periodics
    double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41p) + 0.5 * temp1 * x1mth2p * cos2u;
    su -= 0.25 * temp2 * x7thm1p * sin2u;
    double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
    double xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
    double mvt = rdotl - nm * temp1 * x1mth2p * sin2u / XKE;
    double rvdot = rvdotl + nm * temp1 * (x1mth2p * cos2u + 1.5 * con41p) / XKE;

    // orientation: radial unit vector u and the unit vector v ahead of it in the orbit plane
    double sinsu = Math.sin(su);
    double cossu = Math.cos(su);
    double snod = Math.sin(xnode);
    double cnod = Math.cos(xnode);
    double sini = Math.sin(xinc);
    double cosi = Math.cos(xinc);
    double xmx = -snod * cosi;
    double xmy = cnod * cosi;
    double ux = xmx * sinsu + cnod * cossu;
    double uy = xmy * sinsu + snod * cossu;
    double uz = sini * sinsu;
    double vx = xmx * cossu - cnod * sinsu;
    double vy = xmy * cossu - snod * sinsu;
    double vz = sini * cossu;

    if (mrt < 1.0) {
      return Sgp4Status.DECAYED;
    }
    double r = mrt * METRES;
    pv[0] = r * ux;
    pv[1] = r * uy;
    pv[2] = r * uz;
    pv[3] = (mvt * ux + rvdot * vx) * METRES_PER_SECOND;
    pv[4] = (mvt * uy + rvdot * vy) * METRES_PER_SECOND;
    pv[5] = (mvt * uz + rvdot * vz) * METRES_PER_SECOND;
    return Sgp4Status.OK;
  }

  /** The J3 long-period coefficient of the mean longitude, guarded at 180 deg inclination. */
  private static double longPeriodLongitudeFactor(double sinI, double cosI) {
    double denominator = Math.abs(cosI + 1.0) > SMALL ? 1.0 + cosI : SMALL;
    return -0.25 * J3_OVER_J2 * sinI * (3.0 + 5.0 * cosI) / denominator;
  }

  /** The epoch of an element set in days since 1949 December 31 00:00 in its UTC scale. */
  private static double daysSince1950(TLE elements) {
    DateTimeComponents components = elements.getDate().getComponents(elements.getUtc());
    int wholeDays = components.getDate().getMJD() - MJD_1950;
    return wholeDays + components.getTime().getSecondsInUTCDay() / 86400.0;
  }

  /**
   * Greenwich mean sidereal angle (IAU 1982, UT1 taken as UTC) at a date in days since 1950, as
   * mode 'i' computes it, in [0, 2 pi).
   */
  private static double greenwichSiderealAngle(double daysSince1950) {
    double centuries = (daysSince1950 + (MJD_1950 - MJD_J2000)) / 36525.0;
    double seconds = -6.2e-6 * centuries * centuries * centuries
        + 0.093104 * centuries * centuries
        + (876600.0 * 3600.0 + 8640184.812866) * centuries + 67310.54841;
    double angle = (seconds * Math.toRadians(1.0) / 240.0) % TWO_PI;
    return angle < 0.0 ? angle + TWO_PI : angle;
  }
}
