package talos.core.campaign;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a campaign stands. A draft is scheduled, a scheduled campaign activated, an active one
 * completed; any but a completed or cancelled campaign can be cancelled. Completed and cancelled are
 * final.
 */
enum CampaignStatus {
  DRAFT("draft"), SCHEDULED("schedule"), ACTIVE("activate"), COMPLETED("complete"), CANCELLED("cancel");

  private final String action;

  CampaignStatus(String action) {
    this.action = action;
  }

  /** The statuses this one may change to. */
  List<CampaignStatus> next() {
    return switch (this) {
      case DRAFT -> List.of(SCHEDULED, CANCELLED);
      case SCHEDULED -> List.of(ACTIVE, CANCELLED);
      case ACTIVE -> List.of(COMPLETED, CANCELLED);
      case COMPLETED, CANCELLED -> List.of();
    };
  }

  boolean canBecome(CampaignStatus target) {
    return next().contains(target);
  }

  /** Whether the campaign, its targets and its assignments may still change. */
  boolean open() {
    return this != COMPLETED && this != CANCELLED;
  }

  /** The name used in the API and the database. */
  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verb of the operation that leads here: {@code schedule}, {@code activate}, ... */
  String action() {
    return action;
  }

  /** The allowed transitions, as their operations name them, for messages: "schedule, cancel". */
  String allowedActions() {
    return next().isEmpty() ? "none (" + apiName() + " is final)"
        : next().stream().map(CampaignStatus::action).collect(Collectors.joining(", "));
  }

  static CampaignStatus of(String apiName) {
    return valueOf(apiName.toUpperCase(Locale.ROOT));
  }
}
