package talos.core.bus;

/**
 * Every event-bus address of the core, in one place; {@code docs/architecture.md} has the table of
 * requests, replies and failure codes.
 *
 * <p>Addresses marked <em>API</em> serve an operation of the OpenAPI contract: they take an
 * {@link ApiRequest} and answer with a {@link Reply}. Every one of them may also fail with 400 (a
 * value breaks a rule the contract cannot express), 401 (no principal where one is needed) and 500.
 */
public final class Addresses {

  /**
   * Identity of the node that answers. Request: none (an empty object). Reply:
   * {@code {"nodeId", "version", "startedAt", "clustered", "features"}}.
   */
  public static final String NODE_INFO = "talos.node.info";

  /** API {@code requestSignInLink}: always 202 with the same body. */
  public static final String AUTH_LOGIN = "talos.auth.login";
  /** API {@code verifySignInLink}: 303 to {@code /} with a new session; 400 for a bad link. */
  public static final String AUTH_VERIFY = "talos.auth.verify";
  /** API {@code signOut}: 204 and the session revoked. */
  public static final String AUTH_LOGOUT = "talos.auth.logout";
  /**
   * Who holds a credential. Request: {@code {"session": token}} or {@code {"bearer": token}}. Reply:
   * a {@link Principal} as JSON. Failures: 401 for an unknown, revoked or expired credential.
   */
  public static final String AUTH_AUTHENTICATE = "talos.auth.authenticate";
  /** API {@code listSessions}. */
  public static final String AUTH_SESSIONS_LIST = "talos.auth.sessions.list";
  /** API {@code revokeSession}: 204; 404 for a session that is not the caller's. */
  public static final String AUTH_SESSIONS_REVOKE = "talos.auth.sessions.revoke";
  /** API {@code createApiToken}: 201 with the token, shown once. */
  public static final String AUTH_TOKENS_CREATE = "talos.auth.tokens.create";
  /** API {@code listApiTokens}. */
  public static final String AUTH_TOKENS_LIST = "talos.auth.tokens.list";
  /** API {@code revokeApiToken}: 204; 404 for a token that is not the caller's. */
  public static final String AUTH_TOKENS_REVOKE = "talos.auth.tokens.revoke";
  /**
   * Checks a station's key. Request: {@code {"stationId", "key"}}. Reply:
   * {@code {"stationId", "name", "orgId", "orgSlug"}}. Failures: 401 for an unknown station or a wrong
   * key, alike.
   */
  public static final String AUTH_STATION_VERIFY = "talos.auth.station.verify";

  /** API {@code getMe}: the caller and their memberships. */
  public static final String ME = "talos.tenancy.me";
  /** API {@code createOrganisation}: 201; 409 for a slug in use. */
  public static final String ORGS_CREATE = "talos.tenancy.orgs.create";
  /** API {@code listOrganisations}: the caller's organisations (every one for the administrator). */
  public static final String ORGS_LIST = "talos.tenancy.orgs.list";
  /** API {@code getOrganisation}: 404 unless the caller is a member. */
  public static final String ORGS_GET = "talos.tenancy.orgs.get";
  /** API {@code updateOrganisation}: owner only (403 for other members, 404 for others). */
  public static final String ORGS_UPDATE = "talos.tenancy.orgs.update";
  /** API {@code listMembers}. */
  public static final String MEMBERS_LIST = "talos.tenancy.members.list";
  /** API {@code updateMember}: owner only; 409 when it would leave no owner. */
  public static final String MEMBERS_UPDATE = "talos.tenancy.members.update";
  /** API {@code removeMember}: owner, or the member leaving; 409 when it would leave no owner. */
  public static final String MEMBERS_REMOVE = "talos.tenancy.members.remove";
  /** API {@code createJoinRequest}: any signed-in non-member; 409 for a member or an open request. */
  public static final String JOIN_REQUESTS_CREATE = "talos.tenancy.join-requests.create";
  /** API {@code listJoinRequests}: owner only. */
  public static final String JOIN_REQUESTS_LIST = "talos.tenancy.join-requests.list";
  /** API {@code decideJoinRequest}: owner only; 409 for a request already decided. */
  public static final String JOIN_REQUESTS_DECIDE = "talos.tenancy.join-requests.decide";

  /** API {@code createStation}: owner only; 201 with the station and its key, shown once. */
  public static final String STATIONS_CREATE = "talos.station.create";
  /** API {@code listStations}. */
  public static final String STATIONS_LIST = "talos.station.list";
  /** API {@code getStation}. */
  public static final String STATIONS_GET = "talos.station.get";
  /** API {@code updateStation}: owner only. */
  public static final String STATIONS_UPDATE = "talos.station.update";
  /** API {@code deleteStation}: owner only. */
  public static final String STATIONS_DELETE = "talos.station.delete";
  /** API {@code rotateStationKey}: owner only; the old key stops working at once. */
  public static final String STATIONS_ROTATE_KEY = "talos.station.rotate-key";
  /**
   * Published (no reply) after a station was created, changed or deleted: {@code {"orgId",
   * "stationId"}}. The scheduler replans the stations connected to it.
   */
  public static final String STATION_CHANGED = "talos.station.changed";

  /** API {@code syncCatalogue}: administrator only; 503 when every source failed, 409 while one runs. */
  public static final String CATALOGUE_SYNC = "talos.catalog.sync";
  /** API {@code importCatalogue}: administrator only; the report lists every rejected entry. */
  public static final String CATALOGUE_IMPORT = "talos.catalog.import";
  /**
   * How fresh the catalogue is. Request: {@code {}}. Reply: {@code {"satellites", "lastSync",
   * "lastSource", "stale", "staleSince"}}.
   */
  public static final String CATALOGUE_STATUS = "talos.catalog.status";

  /** Published (no reply) whenever the catalogue's element sets changed; trackers reload them. */
  public static final String CATALOGUE_CHANGED = "talos.catalog.changed";
  /** API {@code searchSatellites}. */
  public static final String SATELLITES_SEARCH = "talos.catalog.satellites.search";
  /** API {@code getSatellite}: 404 for an unknown NORAD id. */
  public static final String SATELLITES_GET = "talos.catalog.satellites.get";
  /** API {@code listStationPasses}: 404 for a station not in the caller's organisation or an unknown satellite. */
  public static final String TRACKING_PASSES = "talos.tracking.passes";
  /** API {@code trackSatellite}: pointing, range rate and Doppler-corrected frequencies at an instant. */
  public static final String TRACKING_TRACK = "talos.tracking.track";
  /** API {@code magicFind}: satellites that could explain a signal heard, best first. */
  public static final String TRACKING_MAGIC_FIND = "talos.tracking.magic-find";
  /** API {@code publicTracker}: position and next passes over given coordinates, without sign-in. */
  public static final String TRACKING_PUBLIC = "talos.tracking.public";

  /**
   * Prefix of a station's command address, completed by the station id. The node holding the
   * station's MQTT connection consumes it, so a sender on any node reaches the station. Request:
   * {@code {"channel": "cmd/rot" | "cmd/rig" | "cmd/session", "payload": {...}}}; the payload is
   * validated with the protocol's record for that channel and published on the station's topic with
   * the channel's QoS. Reply (when asked for): {@code {}} once written to the connection. Failures:
   * 400 for an unknown channel or a payload that breaks the protocol (naming the field), 503 when
   * the connection closed or the station has not subscribed to the channel; {@code NO_HANDLERS}
   * when the station is connected nowhere.
   */
  public static final String GATEWAY_STATION_PREFIX = "talos.gateway.station.";
  /**
   * Prefix of a connected station's link state, completed by the station id; served by the node
   * holding the connection. Request: {@code {}}. Reply: {@code {"connected": true, "node", "since",
   * "protocolVersion", "remote", "lastMessageAt", "telemetry", "status"}} with the latest telemetry
   * and status the station sent, or {@code null}. Failures: {@code NO_HANDLERS} when the station is
   * connected nowhere.
   */
  public static final String GATEWAY_STATE_PREFIX = "talos.gateway.state.";
  /**
   * Published (no reply) by a gateway node that accepted a station's connection: {@code
   * {"stationId", "node", "connection"}}. Every other connection of that station, on any node, is
   * closed as taken over.
   */
  public static final String GATEWAY_TAKEOVER = "talos.gateway.takeover";
  /**
   * Published (no reply) by a gateway instance that accepted an operator's connection: {@code
   * {"clientId", "connection"}}. Every other connection with that client id, on any instance or
   * node, is closed as taken over.
   */
  public static final String GATEWAY_OPERATOR_TAKEOVER = "talos.gateway.operator-takeover";
  /**
   * Published (no reply) for every valid telemetry message a station sends: {@code {"stationId",
   * "orgId", "orgSlug", "telemetry"}}, the telemetry as the protocol writes it.
   */
  public static final String STATION_TELEMETRY = "talos.station.telemetry";
  /**
   * Published (no reply) when a station comes online or goes offline, whether it said so or its
   * connection opened or closed: {@code {"stationId", "orgId", "orgSlug", "state": "online" |
   * "offline", "t", "agent"}}, {@code t} in epoch milliseconds, {@code agent} only when the station
   * named itself.
   */
  public static final String STATION_STATUS = "talos.station.status";
  /**
   * Published (no reply) for every valid event a station sends: {@code {"stationId", "orgId",
   * "orgSlug", "event"}}, the event as the protocol writes it.
   */
  public static final String STATION_EVENTS = "talos.station.events";
  /**
   * Published (no reply) for every frame a station sends: {@code {"stationId", "orgId", "orgSlug",
   * "frame"}}, the frame's JSON object as received.
   */
  public static final String STATION_FRAMES = "talos.station.frames";

  /**
   * The prefix of each organisation's live feed for the web UI, {@code talos.live.org.{orgId}}:
   * published (no reply) {@code {"type": "status" | "telemetry" | "tracking", "stationId", ...}} (see
   * {@code talos.core.live.LiveFeed}). The only addresses browsers may listen on through the
   * event-bus bridge, each only by members of its organisation.
   */
  public static final String LIVE_ORG_PREFIX = "talos.live.org.";

  /** API {@code listDestinations}: the organisation's destinations with their sending figures. */
  public static final String DESTINATIONS_LIST = "talos.streaming.destinations.list";
  /** API {@code getDestination}. */
  public static final String DESTINATIONS_GET = "talos.streaming.destinations.get";
  /** API {@code createDestination}: owner; 201; 409 for a name in use in the organisation. */
  public static final String DESTINATIONS_CREATE = "talos.streaming.destinations.create";
  /** API {@code updateDestination}: owner. */
  public static final String DESTINATIONS_UPDATE = "talos.streaming.destinations.update";
  /** API {@code deleteDestination}: owner; 204. */
  public static final String DESTINATIONS_DELETE = "talos.streaming.destinations.delete";
  /** API {@code addCampaignDestination}: operator; 204, also when it was named already. */
  public static final String CAMPAIGN_DESTINATIONS_ADD = "talos.streaming.campaign-destinations.add";
  /** API {@code removeCampaignDestination}: operator; 204. */
  public static final String CAMPAIGN_DESTINATIONS_REMOVE = "talos.streaming.campaign-destinations.remove";
  /** API {@code listFrames}: an organisation's stored frames with their receptions. */
  public static final String FRAMES_LIST = "talos.streaming.frames.list";
  /** API {@code listObservationFrames}: the frames of one observation, with their bytes. */
  public static final String OBSERVATION_FRAMES = "talos.streaming.frames.observation";
  /**
   * Published (no reply) after an organisation's destinations or their campaigns changed:
   * {@code {"orgId"}}; the node handling its frames reads them again.
   */
  public static final String STREAMING_DESTINATIONS_CHANGED = "talos.streaming.destinations.changed";

  /** API {@code createCampaign}: operator; 201; 409 for a name in use in the organisation. */
  public static final String CAMPAIGNS_CREATE = "talos.campaign.create";
  /** API {@code listCampaigns}: the organisation's campaigns, by priority then name. */
  public static final String CAMPAIGNS_LIST = "talos.campaign.list";
  /** API {@code getCampaign}: the campaign with its targets and assignments. */
  public static final String CAMPAIGNS_GET = "talos.campaign.get";
  /** API {@code updateCampaign}: operator; 409 for a name in use or a completed or cancelled campaign. */
  public static final String CAMPAIGNS_UPDATE = "talos.campaign.update";
  /**
   * API {@code scheduleCampaign}: operator; draft to scheduled. 409 naming the current status and
   * the allowed transitions when the campaign is not a draft, or when it has no target.
   */
  public static final String CAMPAIGNS_SCHEDULE = "talos.campaign.schedule";
  /** API {@code activateCampaign}: operator; scheduled to active, else 409 as for scheduling. */
  public static final String CAMPAIGNS_ACTIVATE = "talos.campaign.activate";
  /** API {@code completeCampaign}: operator; active to completed, releasing its bookings; else 409. */
  public static final String CAMPAIGNS_COMPLETE = "talos.campaign.complete";
  /**
   * API {@code cancelCampaign}: operator; draft, scheduled or active to cancelled, releasing its
   * bookings; else 409.
   */
  public static final String CAMPAIGNS_CANCEL = "talos.campaign.cancel";
  /**
   * API {@code setCampaignTarget}: operator; 201 for a new target, 200 for a changed one. 404 for an
   * unknown satellite, 400 for a transmitter of another satellite, 409 for a closed campaign.
   */
  public static final String CAMPAIGN_TARGETS_SET = "talos.campaign.targets.set";
  /** API {@code removeCampaignTarget}: operator; 204; 404 for a satellite that is not a target. */
  public static final String CAMPAIGN_TARGETS_REMOVE = "talos.campaign.targets.remove";
  /**
   * API {@code createCampaignAssignment}: operator; 201. 404 for a station not in the organisation;
   * 409 naming the conflicting booking (campaign and window) when the window overlaps another
   * booking of the station, or for a closed campaign.
   */
  public static final String CAMPAIGN_ASSIGNMENTS_CREATE = "talos.campaign.assignments.create";
  /** API {@code removeCampaignAssignment}: operator; 204; 404 for an unknown assignment. */
  public static final String CAMPAIGN_ASSIGNMENTS_REMOVE = "talos.campaign.assignments.remove";
  /** API {@code listStationReservations}: a station's reservations, in time order. */
  public static final String RESERVATIONS_LIST = "talos.campaign.reservations.list";
  /**
   * API {@code createStationReservation}: owner only; 201; 409 naming the reservation the window
   * overlaps.
   */
  public static final String RESERVATIONS_CREATE = "talos.campaign.reservations.create";
  /** API {@code deleteStationReservation}: owner only; 204; 404 for an unknown reservation. */
  public static final String RESERVATIONS_DELETE = "talos.campaign.reservations.delete";
  /**
   * Published (no reply) after every committed change of a campaign, its targets or assignments, or
   * a station's reservations: {@code {"orgId", "campaignId", "stationId"}}, the last two only when
   * the change concerns one. Schedulers replan the organisation (or just that campaign or station).
   */
  public static final String CAMPAIGN_CHANGED = "talos.campaign.changed";

  /** API {@code getStationPlan}: a station's planned and rejected passes in a window. */
  public static final String SCHEDULE_STATION_PLAN = "talos.schedule.station-plan";
  /** API {@code getCampaignPlan}: a campaign's planned and rejected passes over its stations. */
  public static final String SCHEDULE_CAMPAIGN_PLAN = "talos.schedule.campaign-plan";
  /** API {@code refreshPlan}: operator; replans the organisation now and answers what it did. */
  public static final String SCHEDULE_REFRESH = "talos.schedule.refresh";
  /**
   * Published (no reply) after a replan changed the plan of some stations: {@code {"stationIds":
   * [...]}}. Directors read the planned passes of those stations again.
   */
  public static final String SCHEDULE_CHANGED = "talos.schedule.changed";

  /**
   * Published (no reply) by the director when an observation ended: {@code {"observationId",
   * "orgId", "campaignId", "stationId", "plannedPassId", "noradId", "outcome": "completed" |
   * "missed" | "aborted", "reason", "plannedAos", "plannedLos"}}; {@code campaignId} and {@code
   * plannedPassId} are {@code null} for a manual track, the times ISO-8601 instants. The scheduler
   * retries a missed campaign pass on another station.
   */
  public static final String OBSERVATION_ENDED = "talos.director.observation.ended";

  /**
   * API {@code startTracking}: operator; 202 with the session. 404 for an unknown station, satellite
   * or transmitter; 409 when the station is offline or the satellite has no pass in the next 24 h;
   * 504 when the agent does not acknowledge the session; 503 when the node owning the station does
   * not answer.
   */
  public static final String DIRECTOR_TRACK = "talos.director.track";
  /** API {@code stopTracking}: operator; 204 once the agent acknowledged the park command. */
  public static final String DIRECTOR_STOP = "talos.director.stop";
  /** API {@code getStationStatus}: link state, measured and commanded pointing, driver health. */
  public static final String DIRECTOR_STATUS = "talos.director.status";
  /**
   * Per station, on the director instance driving it: {@code DIRECTOR_STATION_PREFIX + stationId}.
   * Request {@code {"action": "state"}} answers the session as JSON; {@code {"action": "stop"}}
   * ends it as aborted by an operator and parks (the reply {@code {}} once the agent acknowledged
   * the park). No handler means no session anywhere.
   */
  public static final String DIRECTOR_STATION_PREFIX = "talos.director.station.";
  /**
   * Per node running the director: {@code DIRECTOR_NODE_PREFIX + nodeId}; the node that owns a
   * station (by rendezvous hashing over the cluster's members) starts its manual tracks. Request
   * {@code {"action": "start", "observation": {...}}} with a pending manual observation recorded by
   * the node that took the API request; reply: the session as JSON once the agent acknowledged
   * it. Failures: 409 station offline, refused, or no pass in the observation's window; 504 no
   * acknowledgement; the observation is then ended with the reason.
   */
  public static final String DIRECTOR_NODE_PREFIX = "talos.director.node.";
  /** API {@code listObservations}: viewer; a page of the organisation's observations. */
  public static final String OBSERVATIONS_LIST = "talos.director.observations.list";
  /** API {@code getObservation}: viewer; 404 for an observation of another organisation. */
  public static final String OBSERVATIONS_GET = "talos.director.observations.get";

  private Addresses() {
  }
}
