package talos.core.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (magic links, sessions, API tokens, station keys) and their digests.
 *
 * <p>A secret is a prefix naming its kind followed by 256 random bits in URL-safe Base64, so a leaked
 * one is recognisable in a scan. Only the digest is stored: an HMAC-SHA-256 keyed with the server's
 * secret key, so that a copy of the database alone cannot confirm a guessed token. Changing the
 * secret key therefore ends every session and invalidates every API token and magic link.
 */
public final class Tokens {

  public static final String MAGIC_LINK = "tml_";
  public static final String SESSION = "tss_";
  public static final String API_TOKEN = "tat_";
  public static final String STATION_KEY = "tsk_";

  private static final int RANDOM_BYTES = 32;
  private static final String HMAC = "HmacSHA256";

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  public Tokens(String secretKey) {
    this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC);
  }

  /** A fresh secret of the kind named by {@code prefix}. */
  public String generate(String prefix) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The digest stored in place of {@code token}. */
  public byte[] digest(String token) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /** Whether {@code token} looks like a secret of the given kind; cheap to check before any lookup. */
  public static boolean hasShape(String token, String prefix) {
    return token != null && token.startsWith(prefix) && token.length() == prefix.length() + 43
        && token.substring(prefix.length()).matches("[A-Za-z0-9_-]+");
  }
}
