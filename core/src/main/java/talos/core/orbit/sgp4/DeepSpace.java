package talos.core.orbit.sgp4;

/**
 * The deep-space part of SDP4, for orbits of period 225 minutes or more: the lunar and solar
 * secular rates and periodic terms, and the resonances of the geopotential with 24-hour
 * (geosynchronous) and 12-hour (Molniya-type, eccentricity 0.5 or more) orbits.
 *
 * <p>Written from Hoots and Roehrich, Spacetrack Report No. 3 (1980), with the corrections of
 * Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753),
 * operation mode 'i'. Units are the model's: Earth radii, minutes, radians.
 *
 * <p>Immutable. The two update methods work on the caller's array of mean elements, indexed by the
 * constants below, and allocate nothing.
 */
final class DeepSpace {

  /** Index of the eccentricity in an element array. */
  static final int ECCENTRICITY = 0;
  /** Index of the inclination (rad) in an element array. */
  static final int INCLINATION = 1;
  /** Index of the argument of perigee (rad) in an element array. */
  static final int PERIGEE = 2;
  /** Index of the right ascension of the ascending node (rad) in an element array. */
  static final int NODE = 3;
  /** Index of the mean anomaly (rad) in an element array. */
  static final int MEAN_ANOMALY = 4;
  /** Index of the mean motion (rad/min) in an element array; only the secular update uses it. */
  static final int MEAN_MOTION = 5;

  /** Which resonance the orbit is in. */
  enum Resonance {
    /** No resonance. */
    NONE,
    /** Geosynchronous: mean motion between 0.8 and 1.2 revolutions a day. */
    SYNCHRONOUS,
    /** Half-day: mean motion of about 2 revolutions a day with eccentricity 0.5 or more. */
    HALF_DAY
  }

  private static final double TWO_PI = 2 * Math.PI;

  // mean motions (rad/min) and eccentricities of the apparent solar and lunar orbits
  private static final double SOLAR_MEAN_MOTION = 1.19459e-5;
  private static final double SOLAR_ECCENTRICITY = 0.01675;
  private static final double LUNAR_MEAN_MOTION = 1.5835218e-4;
  private static final double LUNAR_ECCENTRICITY = 0.05490;
  // solar and lunar perturbation constants
  private static final double SOLAR_PERTURBATION = 2.9864797e-6;
  private static final double LUNAR_PERTURBATION = 4.7968065e-7;
  // orientation of the solar orbit: cosine and sine of its inclination and perigee
  private static final double SOLAR_COS_INCLINATION = 0.91744867;
  private static final double SOLAR_SIN_INCLINATION = 0.39785416;
  private static final double SOLAR_COS_PERIGEE = 0.1945905;
  private static final double SOLAR_SIN_PERIGEE = -0.98088458;
  /** Below this inclination (and above pi minus it) the node rates are not applied (3 deg). */
  private static final double LOW_INCLINATION = 5.2359877e-2;
  /** Below this inclination the periodic terms take the Lyddane form (rad). */
  private static final double LYDDANE_INCLINATION = 0.2;

  /** Rotation rate of the Earth (rad/min). */
  private static final double EARTH_ROTATION = 4.37526908801129966e-3;
  /** Integration step of the resonance terms (min). */
  private static final double STEP = 720.0;
  private static final double HALF_STEP_SQUARED = STEP * STEP / 2;
  // geopotential resonance coefficients
  private static final double Q22 = 1.7891679e-6;
  private static final double Q31 = 2.1460748e-6;
  private static final double Q33 = 2.2123015e-7;
  private static final double ROOT22 = 1.7891679e-6;
  private static final double ROOT32 = 3.7393792e-7;
  private static final double ROOT44 = 7.3636953e-9;
  private static final double ROOT52 = 1.1428639e-7;
  private static final double ROOT54 = 2.1765803e-9;
  // phases of the resonance terms (rad), used through their sines and cosines
  private static final double FASX2 = 0.13130908;
  private static final double FASX4 = 2.8843198;
  private static final double FASX6 = 0.37448087;
  private static final double G22 = 5.7686396;
  private static final double G32 = 0.95240898;
  private static final double G44 = 1.8014998;
  private static final double G52 = 1.0508330;
  private static final double G54 = 4.4108898;
  private static final double SIN_FASX2 = Math.sin(FASX2);
  private static final double COS_FASX2 = Math.cos(FASX2);
  private static final double SIN_2FASX4 = Math.sin(2.0 * FASX4);
  private static final double COS_2FASX4 = Math.cos(2.0 * FASX4);
  private static final double SIN_3FASX6 = Math.sin(3.0 * FASX6);
  private static final double COS_3FASX6 = Math.cos(3.0 * FASX6);
  private static final double SIN_G22 = Math.sin(G22);
  private static final double COS_G22 = Math.cos(G22);
  private static final double SIN_G32 = Math.sin(G32);
  private static final double COS_G32 = Math.cos(G32);
  private static final double SIN_G44 = Math.sin(G44);
  private static final double COS_G44 = Math.cos(G44);
  private static final double SIN_G52 = Math.sin(G52);
  private static final double COS_G52 = Math.cos(G52);
  private static final double SIN_G54 = Math.sin(G54);
  private static final double COS_G54 = Math.cos(G54);

  // solar periodic coefficients: eccentricity, inclination, mean anomaly, perigee, node
  private final double se2;
  private final double se3;
  private final double si2;
  private final double si3;
  private final double sl2;
  private final double sl3;
  private final double sl4;
  private final double sgh2;
  private final double sgh3;
  private final double sgh4;
  private final double sh2;
  private final double sh3;
  // lunar periodic coefficients, in the same order
  private final double ee2;
  private final double e3;
  private final double xi2;
  private final double xi3;
  private final double xl2;
  private final double xl3;
  private final double xl4;
  private final double xgh2;
  private final double xgh3;
  private final double xgh4;
  private final double xh2;
  private final double xh3;
  /** Mean anomaly of the Sun at epoch (rad). */
  private final double zmos;
  /** Mean anomaly of the Moon at epoch (rad). */
  private final double zmol;

  // lunar-solar secular rates (rad/min, eccentricity per minute)
  private final double dedt;
  private final double didt;
  private final double dmdt;
  private final double domdt;
  private final double dnodt;

  private final Resonance resonance;
  /** Greenwich sidereal angle at epoch (rad). */
  private final double gsto;
  /** Mean motion at epoch (rad/min). */
  private final double no;
  /** Argument of perigee at epoch (rad). */
  private final double argpo;
  /** Secular rate of the argument of perigee from the geopotential (rad/min). */
  private final double argpdot;
  /** Resonant longitude at epoch (rad). */
  private final double xlamo;
  /** Rate of the resonant longitude, less the mean motion (rad/min). */
  private final double xfact;
  // synchronous resonance coefficients
  private final double del1;
  private final double del2;
  private final double del3;
  // half-day resonance coefficients
  private final double d2201;
  private final double d2211;
  private final double d3210;
  private final double d3222;
  private final double d4410;
  private final double d4422;
  private final double d5220;
  private final double d5232;
  private final double d5421;
  private final double d5433;

  /**
   * Prepares the deep-space terms of one element set.
   *
   * @param epochDaysSince1950 epoch in days since 1949 December 31 00:00 UTC
   * @param gsto Greenwich sidereal angle at epoch (rad)
   * @param ecco eccentricity at epoch
   * @param inclo inclination at epoch (rad)
   * @param nodeo right ascension of the ascending node at epoch (rad)
   * @param argpo argument of perigee at epoch (rad)
   * @param mo mean anomaly at epoch (rad)
   * @param no mean motion at epoch, un-Kozai'd (rad/min)
   * @param mdot secular rate of the mean anomaly from the geopotential (rad/min)
   * @param argpdot secular rate of the argument of perigee from the geopotential (rad/min)
   * @param nodedot secular rate of the node from the geopotential (rad/min)
   */
  DeepSpace(double epochDaysSince1950, double gsto, double ecco, double inclo, double nodeo,
      double argpo, double mo, double no, double mdot, double argpdot, double nodedot) {
    this.gsto = gsto;
    this.no = no;
    this.argpo = argpo;
    this.argpdot = argpdot;

    double sinim = Math.sin(inclo);
    double cosim = Math.cos(inclo);
    double emsq = ecco * ecco;

    // the Moon's orbit at epoch
    double day = epochDaysSince1950 + 18261.5;
    double xnodce = (4.5236020 - 9.2422029e-4 * day) % TWO_PI;
    double stem = Math.sin(xnodce);
    double ctem = Math.cos(xnodce);
    double zcosil = 0.91375164 - 0.03568096 * ctem;
    double zsinil = Math.sqrt(1.0 - zcosil * zcosil);
    double zsinhl = 0.089683511 * stem / zsinil;
    double zcoshl = Math.sqrt(1.0 - zsinhl * zsinhl);
    double gam = 5.8351514 + 0.0019443680 * day;
    double zx = Math.atan2(0.39785416 * stem / zsinil,
        zcoshl * ctem + 0.91744867 * zsinhl * stem);
    zx = gam + zx - xnodce;
    double zcosgl = Math.cos(zx);
    double zsingl = Math.sin(zx);
    zmol = (4.7199672 + 0.22997150 * day - gam) % TWO_PI;
    zmos = (6.2565837 + 0.017201977 * day) % TWO_PI;

    double sinNode = Math.sin(nodeo);
    double cosNode = Math.cos(nodeo);
    Perturber sun = new Perturber(SOLAR_COS_PERIGEE, SOLAR_SIN_PERIGEE, SOLAR_COS_INCLINATION,
        SOLAR_SIN_INCLINATION, cosNode, sinNode, SOLAR_PERTURBATION, SOLAR_ECCENTRICITY,
        SOLAR_MEAN_MOTION, ecco, inclo, argpo, no);
    Perturber moon = new Perturber(zcosgl, zsingl, zcosil, zsinil,
        zcoshl * cosNode + zsinhl * sinNode, sinNode * zcoshl - cosNode * zsinhl,
        LUNAR_PERTURBATION, LUNAR_ECCENTRICITY, LUNAR_MEAN_MOTION, ecco, inclo, argpo, no);

    se2 = sun.e2;
    se3 = sun.e3;
    si2 = sun.i2;
    si3 = sun.i3;
    sl2 = sun.l2;
    sl3 = sun.l3;
    sl4 = sun.l4;
    sgh2 = sun.gh2;
    sgh3 = sun.gh3;
    sgh4 = sun.gh4;
    sh2 = sun.h2;
    sh3 = sun.h3;
    ee2 = moon.e2;
    e3 = moon.e3;
    xi2 = moon.i2;
    xi3 = moon.i3;
    xl2 = moon.l2;
    xl3 = moon.l3;
    xl4 = moon.l4;
    xgh2 = moon.gh2;
    xgh3 = moon.gh3;
    xgh4 = moon.gh4;
    xh2 = moon.h2;
    xh3 = moon.h3;

    // secular rates; the node rate is dropped near zero inclination, where it is undefined
    boolean nearEquatorial = inclo < LOW_INCLINATION || inclo > Math.PI - LOW_INCLINATION;
    double shs = nearEquatorial ? 0.0 : sun.nodeRate;
    double shll = nearEquatorial ? 0.0 : moon.nodeRate;
    if (sinim != 0.0) {
      shs = shs / sinim;
    }
    double sgs = sun.perigeeRate - cosim * shs;
    dedt = sun.eccentricityRate + moon.eccentricityRate;
    didt = sun.inclinationRate + moon.inclinationRate;
    dmdt = sun.anomalyRate + moon.anomalyRate;
    double perigeeRate = sgs + moon.perigeeRate;
    double nodeRate = shs;
    if (sinim != 0.0) {
      perigeeRate -= cosim / sinim * shll;
      nodeRate += shll / sinim;
    }
    domdt = perigeeRate;
    dnodt = nodeRate;

    // resonances
    if (no < 0.0052359877 && no > 0.0034906585) {
      resonance = Resonance.SYNCHRONOUS;
    } else if (no >= 8.26e-3 && no <= 9.24e-3 && ecco >= 0.5) {
      resonance = Resonance.HALF_DAY;
    } else {
      resonance = Resonance.NONE;
    }
    double aonv = Math.pow(no / Sgp4.XKE, 2.0 / 3.0);
    double cosisq = cosim * cosim;
    double resonantLongitude = 0.0;
    double resonantRate = 0.0;
    if (resonance == Resonance.SYNCHRONOUS) {
      double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
      double g310 = 1.0 + 2.0 * emsq;
      double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
      double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
      double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
      double f330 = 1.875 * (1.0 + cosim) * (1.0 + cosim) * (1.0 + cosim);
      double base = 3.0 * no * no * aonv * aonv;
      del2 = 2.0 * base * f220 * g200 * Q22;
      del3 = 3.0 * base * f330 * g300 * Q33 * aonv;
      del1 = base * f311 * g310 * Q31 * aonv;
      resonantLongitude = (mo + nodeo + argpo - gsto) % TWO_PI;
      double xpidot = argpdot + nodedot;
      resonantRate = mdot + xpidot - EARTH_ROTATION + dmdt + domdt + dnodt - no;
    } else {
      del1 = 0.0;
      del2 = 0.0;
      del3 = 0.0;
    }
    if (resonance == Resonance.HALF_DAY) {
      double eoc = ecco * emsq;
      double g201 = -0.306 - (ecco - 0.64) * 0.440;
      double g211;
      double g310;
      double g322;
      double g410;
      double g422;
      double g520;
      if (ecco <= 0.65) {
        g211 = 3.616 - 13.2470 * ecco + 16.2900 * emsq;
        g310 = -19.302 + 117.3900 * ecco - 228.4190 * emsq + 156.5910 * eoc;
        g322 = -18.9068 + 109.7927 * ecco - 214.6334 * emsq + 146.5816 * eoc;
        g410 = -41.122 + 242.6940 * ecco - 471.0940 * emsq + 313.9530 * eoc;
        g422 = -146.407 + 841.8800 * ecco - 1629.014 * emsq + 1083.4350 * eoc;
        g520 = -532.114 + 3017.977 * ecco - 5740.032 * emsq + 3708.2760 * eoc;
      } else {
        g211 = -72.099 + 331.819 * ecco - 508.738 * emsq + 266.724 * eoc;
        g310 = -346.844 + 1582.851 * ecco - 2415.925 * emsq + 1246.113 * eoc;
        g322 = -342.585 + 1554.908 * ecco - 2366.899 * emsq + 1215.972 * eoc;
        g410 = -1052.797 + 4758.686 * ecco - 7193.992 * emsq + 3651.957 * eoc;
        g422 = -3581.690 + 16178.110 * ecco - 24462.770 * emsq + 12422.520 * eoc;
        g520 = ecco > 0.715
            ? -5149.66 + 29936.92 * ecco - 54087.36 * emsq + 31324.56 * eoc
            : 1464.74 - 4664.75 * ecco + 3763.64 * emsq;
      }
      double g533;
      double g521;
      double g532;
      if (ecco < 0.7) {
        g533 = -919.22770 + 4988.6100 * ecco - 9064.7700 * emsq + 5542.21 * eoc;
        g521 = -822.71072 + 4568.6173 * ecco - 8491.4146 * emsq + 5337.524 * eoc;
        g532 = -853.66600 + 4690.2500 * ecco - 8624.7700 * emsq + 5341.4 * eoc;
      } else {
        g533 = -37995.780 + 161616.52 * ecco - 229838.20 * emsq + 109377.94 * eoc;
        g521 = -51752.104 + 218913.95 * ecco - 309468.16 * emsq + 146349.42 * eoc;
        g532 = -40023.880 + 170470.89 * ecco - 242699.48 * emsq + 115605.82 * eoc;
      }
      double sini2 = sinim * sinim;
      double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
      double f221 = 1.5 * sini2;
      double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
      double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
      double f441 = 35.0 * sini2 * f220;
      double f442 = 39.3750 * sini2 * sini2;
      double f522 = 9.84375 * sinim * (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq)
          + 0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
      double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq)
          + 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
      double f542 = 29.53125 * sinim * (2.0 - 8.0 * cosim
          + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
      double f543 = 29.53125 * sinim * (-2.0 - 8.0 * cosim
          + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
      double factor = 3.0 * (no * no) * (aonv * aonv);
      double temp = factor * ROOT22;
      d2201 = temp * f220 * g201;
      d2211 = temp * f221 * g211;
      factor *= aonv;
      temp = factor * ROOT32;
      d3210 = temp * f321 * g310;
      d3222 = temp * f322 * g322;
      factor *= aonv;
      temp = 2.0 * factor * ROOT44;
      d4410 = temp * f441 * g410;
      d4422 = temp * f442 * g422;
      factor *= aonv;
      temp = factor * ROOT52;
      d5220 = temp * f522 * g520;
      d5232 = temp * f523 * g532;
      temp = 2.0 * factor * ROOT54;
      d5421 = temp * f542 * g521;
      d5433 = temp * f543 * g533;
      resonantLongitude = (mo + nodeo + nodeo - gsto - gsto) % TWO_PI;
      resonantRate = mdot + dmdt + 2.0 * (nodedot + dnodt - EARTH_ROTATION) - no;
    } else {
      d2201 = 0.0;
      d2211 = 0.0;
      d3210 = 0.0;
      d3222 = 0.0;
      d4410 = 0.0;
      d4422 = 0.0;
      d5220 = 0.0;
      d5232 = 0.0;
      d5421 = 0.0;
      d5433 = 0.0;
    }
    xlamo = resonantLongitude;
    xfact = resonantRate;
  }


  Resonance resonance() {
    return resonance;
  }

  /**
   * Adds the lunar-solar secular terms and, for a resonant orbit, integrates the resonance from
   * epoch, updating the mean anomaly and the mean motion.
   *
   * @param t minutes since epoch
   * @param elements eccentricity, inclination, perigee, node, mean anomaly and mean motion,
   *     updated in place
   */
  void addSecularTerms(double t, double[] elements) {
    elements[ECCENTRICITY] += dedt * t;
    elements[INCLINATION] += didt * t;
    elements[PERIGEE] += domdt * t;
    elements[NODE] += dnodt * t;
    elements[MEAN_ANOMALY] += dmdt * t;
    if (resonance == Resonance.NONE) {
      return;
    }

    // Euler-Maclaurin integration in fixed steps from epoch, then a Taylor step to t; always
    // restarting from epoch keeps the result independent of earlier calls
    double step = t > 0 ? STEP : -STEP;
    double time = 0.0;
    double longitude = xlamo;
    double meanMotion = no;
    while (true) {
      // longitude rate, and the first and second derivatives of the mean motion
      double xldot = meanMotion + xfact;
      double sinL = Math.sin(longitude);
      double cosL = Math.cos(longitude);
      double xndt;
      double xnddt;
      if (resonance == Resonance.SYNCHRONOUS) {
        xndt = synchronousRate(sinL, cosL);
        xnddt = synchronousAcceleration(sinL, cosL);
      } else {
        double xomi = argpo + argpdot * time;
        double sinO = Math.sin(xomi);
        double cosO = Math.cos(xomi);
        xndt = halfDayRate(sinL, cosL, sinO, cosO);
        xnddt = halfDayAcceleration(sinL, cosL, sinO, cosO);
      }
      xnddt *= xldot;
      if (Math.abs(t - time) < STEP) {
        double remaining = t - time;
        double half = 0.5 * remaining * remaining;
        elements[MEAN_MOTION] = meanMotion + xndt * remaining + xnddt * half;
        double xl = longitude + xldot * remaining + xndt * half;
        double theta = (gsto + t * EARTH_ROTATION) % TWO_PI;
        elements[MEAN_ANOMALY] = resonance == Resonance.SYNCHRONOUS
            ? xl - elements[NODE] - elements[PERIGEE] + theta
            : xl - 2.0 * elements[NODE] + 2.0 * theta;
        return;
      }
      longitude += xldot * step + xndt * HALF_STEP_SQUARED;
      meanMotion += xndt * step + xnddt * HALF_STEP_SQUARED;
      time += step;
    }
  }

  /**
   * Rate of the mean motion in the synchronous resonance (rad/min^2), from the sine and cosine of
   * the resonant longitude L: the sum of del_k sin(k L - phase_k) for k = 1, 2, 3.
   */
  private double synchronousRate(double sinL, double cosL) {
    double sin2L = 2.0 * sinL * cosL;
    double cos2L = 1.0 - 2.0 * sinL * sinL;
    double sin3L = sin2L * cosL + cos2L * sinL;
    double cos3L = cos2L * cosL - sin2L * sinL;
    return del1 * (sinL * COS_FASX2 - cosL * SIN_FASX2)
        + del2 * (sin2L * COS_2FASX4 - cos2L * SIN_2FASX4)
        + del3 * (sin3L * COS_3FASX6 - cos3L * SIN_3FASX6);
  }

  /** Derivative of {@link #synchronousRate} with respect to L (rad/min^2 per rad). */
  private double synchronousAcceleration(double sinL, double cosL) {
    double sin2L = 2.0 * sinL * cosL;
    double cos2L = 1.0 - 2.0 * sinL * sinL;
    double sin3L = sin2L * cosL + cos2L * sinL;
    double cos3L = cos2L * cosL - sin2L * sinL;
    return del1 * (cosL * COS_FASX2 + sinL * SIN_FASX2)
        + 2.0 * del2 * (cos2L * COS_2FASX4 + sin2L * SIN_2FASX4)
        + 3.0 * del3 * (cos3L * COS_3FASX6 + sin3L * SIN_3FASX6);
  }

  /**
   * Rate of the mean motion in the half-day resonance (rad/min^2), from the sines and cosines of
   * the resonant longitude L and of the argument of perigee O: ten terms in sin(j O + k L - G).
   */
  private double halfDayRate(double sinL, double cosL, double sinO, double cosO) {
    double sin2L = 2.0 * sinL * cosL;
    double cos2L = 1.0 - 2.0 * sinL * sinL;
    double sin2O = 2.0 * sinO * cosO;
    double cos2O = 1.0 - 2.0 * sinO * sinO;
    double sinL2O = sin2O * cosL + cos2O * sinL;
    double cosL2O = cos2O * cosL - sin2O * sinL;
    double sinLpO = sinO * cosL + cosO * sinL;
    double cosLpO = cosO * cosL - sinO * sinL;
    double sinLmO = sinL * cosO - cosL * sinO;
    double cosLmO = cosL * cosO + sinL * sinO;
    double sin2L2O = sin2O * cos2L + cos2O * sin2L;
    double cos2L2O = cos2O * cos2L - sin2O * sin2L;
    double sin2LpO = sinO * cos2L + cosO * sin2L;
    double cos2LpO = cosO * cos2L - sinO * sin2L;
    double sin2LmO = sin2L * cosO - cos2L * sinO;
    double cos2LmO = cos2L * cosO + sin2L * sinO;
    return d2201 * (sinL2O * COS_G22 - cosL2O * SIN_G22) + d2211 * (sinL * COS_G22 - cosL * SIN_G22)
        + d3210 * (sinLpO * COS_G32 - cosLpO * SIN_G32)
        + d3222 * (sinLmO * COS_G32 - cosLmO * SIN_G32)
        + d4410 * (sin2L2O * COS_G44 - cos2L2O * SIN_G44)
        + d4422 * (sin2L * COS_G44 - cos2L * SIN_G44)
        + d5220 * (sinLpO * COS_G52 - cosLpO * SIN_G52)
        + d5232 * (sinLmO * COS_G52 - cosLmO * SIN_G52)
        + d5421 * (sin2LpO * COS_G54 - cos2LpO * SIN_G54)
        + d5433 * (sin2LmO * COS_G54 - cos2LmO * SIN_G54);
  }

  /** Derivative of {@link #halfDayRate} with respect to L (rad/min^2 per rad). */
  private double halfDayAcceleration(double sinL, double cosL, double sinO, double cosO) {
    double sin2L = 2.0 * sinL * cosL;
    double cos2L = 1.0 - 2.0 * sinL * sinL;
    double sin2O = 2.0 * sinO * cosO;
    double cos2O = 1.0 - 2.0 * sinO * sinO;
    double sinL2O = sin2O * cosL + cos2O * sinL;
    double cosL2O = cos2O * cosL - sin2O * sinL;
    double sinLpO = sinO * cosL + cosO * sinL;
    double cosLpO = cosO * cosL - sinO * sinL;
    double sinLmO = sinL * cosO - cosL * sinO;
    double cosLmO = cosL * cosO + sinL * sinO;
    double sin2L2O = sin2O * cos2L + cos2O * sin2L;
    double cos2L2O = cos2O * cos2L - sin2O * sin2L;
    double sin2LpO = sinO * cos2L + cosO * sin2L;
    double cos2LpO = cosO * cos2L - sinO * sin2L;
    double sin2LmO = sin2L * cosO - cos2L * sinO;
    double cos2LmO = cos2L * cosO + sin2L * sinO;
    return d2201 * (cosL2O * COS_G22 + sinL2O * SIN_G22) + d2211 * (cosL * COS_G22 + sinL * SIN_G22)
        + d3210 * (cosLpO * COS_G32 + sinLpO * SIN_G32)
        + d3222 * (cosLmO * COS_G32 + sinLmO * SIN_G32)
        + d5220 * (cosLpO * COS_G52 + sinLpO * SIN_G52)
        + d5232 * (cosLmO * COS_G52 + sinLmO * SIN_G52)
        + 2.0 * (d4410 * (cos2L2O * COS_G44 + sin2L2O * SIN_G44)
        + d4422 * (cos2L * COS_G44 + sin2L * SIN_G44)
        + d5421 * (cos2LpO * COS_G54 + sin2LpO * SIN_G54)
        + d5433 * (cos2LmO * COS_G54 + sin2LmO * SIN_G54));
  }

  /**
   * Adds the lunar-solar periodic terms to the mean elements, in the Lyddane form below 0.2 rad
   * of inclination.
   *
   * @param t minutes since epoch
   * @param elements eccentricity, inclination, perigee, node and mean anomaly, updated in place
   */
  void addPeriodicTerms(double t, double[] elements) {
    double zm = zmos + SOLAR_MEAN_MOTION * t;
    double zf = zm + 2.0 * SOLAR_ECCENTRICITY * Math.sin(zm);
    double sinzf = Math.sin(zf);
    double f2 = 0.5 * sinzf * sinzf - 0.25;
    double f3 = -0.5 * sinzf * Math.cos(zf);
    double ses = se2 * f2 + se3 * f3;
    double sis = si2 * f2 + si3 * f3;
    double sls = sl2 * f2 + sl3 * f3 + sl4 * sinzf;
    double sghs = sgh2 * f2 + sgh3 * f3 + sgh4 * sinzf;
    double shs = sh2 * f2 + sh3 * f3;

    zm = zmol + LUNAR_MEAN_MOTION * t;
    zf = zm + 2.0 * LUNAR_ECCENTRICITY * Math.sin(zm);
    sinzf = Math.sin(zf);
    f2 = 0.5 * sinzf * sinzf - 0.25;
    f3 = -0.5 * sinzf * Math.cos(zf);
    double sel = ee2 * f2 + e3 * f3;
    double sil = xi2 * f2 + xi3 * f3;
    double sll = xl2 * f2 + xl3 * f3 + xl4 * sinzf;
    double sghl = xgh2 * f2 + xgh3 * f3 + xgh4 * sinzf;
    double shll = xh2 * f2 + xh3 * f3;

    double pe = ses + sel;
    double pinc = sis + sil;
    double pl = sls + sll;
    double pgh = sghs + sghl;
    double ph = shs + shll;

    double inclination = elements[INCLINATION] + pinc;
    elements[INCLINATION] = inclination;
    elements[ECCENTRICITY] += pe;
    double sinip = Math.sin(inclination);
    double cosip = Math.cos(inclination);
    if (inclination >= LYDDANE_INCLINATION) {
      ph /= sinip;
      pgh -= cosip * ph;
      elements[PERIGEE] += pgh;
      elements[NODE] += ph;
      elements[MEAN_ANOMALY] += pl;
      return;
    }

    // Lyddane: apply the node and inclination terms to the equinoctial components of the node
    double node = elements[NODE] % TWO_PI;
    double sinop = Math.sin(node);
    double cosop = Math.cos(node);
    double alfdp = sinip * sinop + (ph * cosop + pinc * cosip * sinop);
    double betdp = sinip * cosop + (-ph * sinop + pinc * cosip * cosop);
    double meanAnomaly = elements[MEAN_ANOMALY];
    double xls = (meanAnomaly + elements[PERIGEE] + cosip * node)
        + (pl + pgh - pinc * node * sinip);
    double newNode = Math.atan2(alfdp, betdp);
    if (Math.abs(node - newNode) > Math.PI) {
      newNode += newNode < node ? TWO_PI : -TWO_PI;
    }
    meanAnomaly += pl;
    elements[MEAN_ANOMALY] = meanAnomaly;
    elements[NODE] = newNode;
    elements[PERIGEE] = xls - meanAnomaly - cosip * newNode;
  }

  /**
   * The terms one perturbing body (the Sun or the Moon) contributes, from its orbit's orientation
   * relative to the satellite's at epoch. Used while building only.
   */
  private static final class Perturber {

    // periodic coefficients: eccentricity, inclination, mean anomaly, perigee, node
    final double e2;
    final double e3;
    final double i2;
    final double i3;
    final double l2;
    final double l3;
    final double l4;
    final double gh2;
    final double gh3;
    final double gh4;
    final double h2;
    final double h3;
    // secular rates; the node rate is not yet divided by the sine of the inclination
    final double eccentricityRate;
    final double inclinationRate;
    final double anomalyRate;
    final double perigeeRate;
    final double nodeRate;

    /**
     * @param zcosg cosine of the body's argument of perigee
     * @param zsing sine of the body's argument of perigee
     * @param zcosi cosine of the body's inclination
     * @param zsini sine of the body's inclination
     * @param zcosh cosine of the body's node relative to the satellite's
     * @param zsinh sine of the body's node relative to the satellite's
     * @param perturbation the body's perturbation constant
     * @param bodyEccentricity eccentricity of the body's apparent orbit
     * @param bodyMeanMotion mean motion of the body's apparent orbit (rad/min)
     * @param ecco the satellite's eccentricity
     * @param inclo the satellite's inclination (rad)
     * @param argpo the satellite's argument of perigee (rad)
     * @param no the satellite's mean motion (rad/min)
     */
    Perturber(double zcosg, double zsing, double zcosi, double zsini, double zcosh, double zsinh,
        double perturbation, double bodyEccentricity, double bodyMeanMotion, double ecco,
        double inclo, double argpo, double no) {
      double sinim = Math.sin(inclo);
      double cosim = Math.cos(inclo);
      double sinomm = Math.sin(argpo);
      double cosomm = Math.cos(argpo);
      double emsq = ecco * ecco;
      double betasq = 1.0 - emsq;
      double rtemsq = Math.sqrt(betasq);

      double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
      double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
      double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
      double a8 = zsing * zsini;
      double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
      double a10 = zcosg * zsini;
      double a2 = cosim * a7 + sinim * a8;
      double a4 = cosim * a9 + sinim * a10;
      double a5 = -sinim * a7 + cosim * a8;
      double a6 = -sinim * a9 + cosim * a10;

      double x1 = a1 * cosomm + a2 * sinomm;
      double x2 = a3 * cosomm + a4 * sinomm;
      double x3 = -a1 * sinomm + a2 * cosomm;
      double x4 = -a3 * sinomm + a4 * cosomm;
      double x5 = a5 * sinomm;
      double x6 = a6 * sinomm;
      double x7 = a5 * cosomm;
      double x8 = a6 * cosomm;

      double z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
      double z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
      double z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
      double z1 = 3.0 * (a1 * a1 + a2 * a2) + z31 * emsq;
      double z2 = 6.0 * (a1 * a3 + a2 * a4) + z32 * emsq;
      double z3 = 3.0 * (a3 * a3 + a4 * a4) + z33 * emsq;
      double z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
      double z12 = -6.0 * (a1 * a6 + a3 * a5)
          + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
      double z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
      double z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
      double z22 = 6.0 * (a4 * a5 + a2 * a6)
          + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
      double z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
      z1 = z1 + z1 + betasq * z31;
      z2 = z2 + z2 + betasq * z32;
      z3 = z3 + z3 + betasq * z33;

      double s3 = perturbation * (1.0 / no);
      double s2 = -0.5 * s3 / rtemsq;
      double s4 = s3 * rtemsq;
      double s1 = -15.0 * ecco * s4;
      double s5 = x1 * x3 + x2 * x4;
      double s6 = x2 * x3 + x1 * x4;
      double s7 = x2 * x4 - x1 * x3;

      e2 = 2.0 * s1 * s6;
      e3 = 2.0 * s1 * s7;
      i2 = 2.0 * s2 * z12;
      i3 = 2.0 * s2 * (z13 - z11);
      l2 = -2.0 * s3 * z2;
      l3 = -2.0 * s3 * (z3 - z1);
      l4 = -2.0 * s3 * (-21.0 - 9.0 * emsq) * bodyEccentricity;
      gh2 = 2.0 * s4 * z32;
      gh3 = 2.0 * s4 * (z33 - z31);
      gh4 = -18.0 * s4 * bodyEccentricity;
      h2 = -2.0 * s2 * z22;
      h3 = -2.0 * s2 * (z23 - z21);

      eccentricityRate = s1 * bodyMeanMotion * s5;
      inclinationRate = s2 * bodyMeanMotion * (z11 + z13);
      anomalyRate = -bodyMeanMotion * s3 * (z1 + z3 - 14.0 - 6.0 * emsq);
      perigeeRate = s4 * bodyMeanMotion * (z31 + z33 - 6.0);
      nodeRate = -bodyMeanMotion * s2 * (z21 + z23);
    }
  }
}
