package talos.agent;

import talos.protocol.StationEvent;

/** Where the agent's events go: the {@code events} channel, queued while the link is down. */
@FunctionalInterface
interface EventSink {

  /** Publishes an event; never blocks and never fails. */
  void emit(StationEvent event);
}
