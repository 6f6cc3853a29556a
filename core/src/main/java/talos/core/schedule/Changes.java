package talos.core.schedule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What changed since the last replan, coalesced: everything (start, the rolling horizon, new
 * element sets), whole organisations, or single campaigns and stations of an organisation. Not
 * thread-safe; the scheduling verticle fills it on its event loop.
 */
final class Changes {

  /** What changed in one organisation. */
  record Org(boolean whole, Set<String> campaigns, Set<String> stations) {
  }

  private boolean everything;
  private final Map<String, Org> orgs = new HashMap<>();

  /** Everything must be planned again. */
  Changes everything() {
    everything = true;
    return this;
  }

  /** Every station of the organisation must be planned again. */
  Changes organisation(String orgId) {
    orgs.put(orgId, new Org(true, Set.of(), Set.of()));
    return this;
  }

  /** The stations connected to a campaign must be planned again. */
  Changes campaign(String orgId, String campaignId) {
    Org org = orgs.computeIfAbsent(orgId, id -> new Org(false, new HashSet<>(), new HashSet<>()));
    if (!org.whole()) {
      org.campaigns().add(campaignId);
    }
    return this;
  }

  /** A station and those connected to it through campaigns must be planned again. */
  Changes station(String orgId, String stationId) {
    Org org = orgs.computeIfAbsent(orgId, id -> new Org(false, new HashSet<>(), new HashSet<>()));
    if (!org.whole()) {
      org.stations().add(stationId);
    }
    return this;
  }

  /** Adds what {@code other} holds. */
  Changes merge(Changes other) {
    everything |= other.everything;
    other.orgs.forEach((orgId, org) -> {
      if (org.whole()) {
        organisation(orgId);
      } else {
        org.campaigns().forEach(id -> campaign(orgId, id));
        org.stations().forEach(id -> station(orgId, id));
      }
    });
    return this;
  }

  boolean isEverything() {
    return everything;
  }

  /** The changed organisations (not meaningful when {@link #isEverything()}). */
  Map<String, Org> organisations() {
    return Map.copyOf(orgs);
  }

  boolean isEmpty() {
    return !everything && orgs.isEmpty();
  }

  /** A short description for logs: what kind of change, and how many of each. */
  @Override
  public String toString() {
    if (everything) {
      return "everything";
    }
    long whole = orgs.values().stream().filter(Org::whole).count();
    int campaigns = orgs.values().stream().mapToInt(org -> org.campaigns().size()).sum();
    int stations = orgs.values().stream().mapToInt(org -> org.stations().size()).sum();
    return orgs.size() + " organisations (" + whole + " whole), " + campaigns + " campaigns, "
        + stations + " stations";
  }
}
