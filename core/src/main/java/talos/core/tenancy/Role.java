package talos.core.tenancy;

import talos.core.bus.ServiceFailure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A member's role in an organisation. Each role can do everything the roles below it can:
 * {@link #OWNER} manages members, stations and keys; {@link #OPERATOR} runs tracking and campaigns;
 * {@link #VIEWER} reads.
 */
public enum Role {
  VIEWER, OPERATOR, OWNER;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  /** The name used in the API and the database. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code name}.
   *
   * @throws ServiceFailure with 400 naming the allowed roles
   */
  public static Role parse(String field, String name) {
    return Arrays.stream(values())
        .filter(role -> role.apiName().equals(name))
        .findFirst()
        .orElseThrow(() -> ServiceFailure.invalid(field, name,
            Arrays.stream(values()).map(Role::apiName).collect(Collectors.joining(", "))));
  }
}
