// The live feed: the server's event-bus bridge over SockJS's raw WebSocket transport. The browser
// only listens, on the address of the organisation it shows; the server refuses every other
// address and every send. The connection comes back by itself after a drop.

const PING_EVERY_MS = 10_000;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
const decoder = new TextDecoder();

/** The bridge's address for an organisation's live messages. */
export const orgAddress = (orgId) => `talos.live.org.${orgId}`;

/**
 * One connection to the bridge. `state` is `connecting`, `live`, `reconnecting` or `off`;
 * listeners hear every message body on the registered address.
 */
export class LiveFeed {
  constructor(url = defaultUrl()) {
    this.url = url;
    this.state = 'off';
    this.address = null;
    this.socket = null;
    this.retryMs = FIRST_RETRY_MS;
    this.retryTimer = null;
    this.pingTimer = null;
    this.messageListeners = new Set();
    this.stateListeners = new Set();
    this.lastError = null;
  }

  /** Listens on `address` only (null to stop), connecting when needed. */
  follow(address) {
    if (address === this.address && this.state !== 'off') {
      return;
    }
    const previous = this.address;
    this.address = address;
    if (!address) {
      this.stop();
      return;
    }
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      if (previous) {
        this.send({ type: 'unregister', address: previous });
      }
      this.send({ type: 'register', address });
    } else if (!this.socket) {
      this.connect();
    }
  }

  /** Calls `listener(body, address)` for every message; returns a function that stops it. */
  onMessage(listener) {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Calls `listener(state)` on every change of the connection's state (and once now). */
  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the connection for good (until the next follow). */
  stop() {
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    this.setState('off');
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.setState(this.state === 'reconnecting' ? 'reconnecting' : 'connecting');
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      this.lastError = String(error);
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    // the bridge's raw WebSocket transport sends its JSON frames as binary messages
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      if (this.address) {
        this.send({ type: 'register', address: this.address });
      }
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_EVERY_MS);
      this.setState('live');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      clearInterval(this.pingTimer);
      this.socket = null;
      if (this.address) {
        this.scheduleRetry();
      } else {
        this.setState('off');
      }
    };
    socket.onerror = () => {
      this.lastError = 'the live connection failed';
    };
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : decoder.decode(data));
    } catch {
      return;
    }
    if (frame.type === 'rec' && frame.address === this.address && frame.body) {
      this.messageListeners.forEach((listener) => listener(frame.body, frame.address));
    } else if (frame.type === 'err') {
      this.lastError = typeof frame.body === 'string' ? frame.body : 'refused';
      if (this.lastError === 'access_denied') {
        this.setState('denied');
      }
    }
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
    }
  }

  scheduleRetry() {
    this.setState('reconnecting');
    const jitter = 0.5 + Math.random() * 0.5;
    const wait = Math.round(this.retryMs * jitter);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  setState(state) {
    if (state !== this.state) {
      this.state = state;
      this.stateListeners.forEach((listener) => listener(state));
    }
  }
}

function defaultUrl() {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/eventbus/websocket`;
}
