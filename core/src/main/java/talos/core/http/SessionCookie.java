package talos.core.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser session cookie {@value #NAME}: HttpOnly, SameSite=Lax, Path=/, and Secure whenever the
 * client came over HTTPS or the server's public URL is HTTPS.
 */
final class SessionCookie {

  static final String NAME = "talos_session";
  private static final long MAX_AGE_SECONDS = 30L * 24 * 60 * 60;

  private SessionCookie() {
  }

  static String read(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(NAME);
    return cookie == null ? null : cookie.getValue();
  }

  static void set(RoutingContext rc, String token, boolean secure) {
    rc.response().addCookie(base(token, secure).setMaxAge(MAX_AGE_SECONDS));
  }

  static void clear(RoutingContext rc, boolean secure) {
    rc.response().addCookie(base("", secure).setMaxAge(0));
  }

  private static Cookie base(String value, boolean secure) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secure);
  }
}
