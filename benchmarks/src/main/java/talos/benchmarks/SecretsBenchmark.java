package talos.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import talos.core.security.KeyHasher;
import talos.core.security.Tokens;

import java.util.concurrent.TimeUnit;

/**
 * The cost of the secrets on the request path: the keyed digest every authenticated request
 * computes, and the Argon2id hash a station key check costs when it is not cached.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecretsBenchmark {

  private final Tokens tokens = new Tokens("benchmark-secret-key-of-forty-characters!");
  private final KeyHasher hasher = new KeyHasher();
  private String token;
  private String stationKey;
  private String stationKeyHash;

  @Setup
  public void setUp() {
    token = tokens.generate(Tokens.SESSION);
    stationKey = tokens.generate(Tokens.STATION_KEY);
    stationKeyHash = hasher.hash(stationKey);
  }

  /** What every cookie or bearer request costs before its single indexed lookup. */
  @Benchmark
  public byte[] tokenDigest() {
    return tokens.digest(token);
  }

  /** What an uncached station key check costs on a worker thread. */
  @Benchmark
  public boolean stationKeyVerify() {
    return hasher.verify(stationKey, stationKeyHash);
  }
}
