// A small STOMP 1.2 client over the browser's WebSocket: CONNECT, SUBSCRIBE, MESSAGE, heart-beats
// and reconnecting with back-off. Just what the cockpit and the workspace need, so no page loads an extra library.

const NUL = '\u0000';
const HEARTBEAT_MS = 10000;
// How long an opened socket may wait for CONNECTED. A frame sent right after the handshake can be lost in
// the gateway's WebSocket proxy on a loaded machine (dashboards/DESIGN.md); then the server never answers,
// so the client gives up on that socket and reconnects instead of waiting forever.
const CONNECTED_TIMEOUT_MS = 5000;

export class StompClient {

  /**
   * @param url      ws(s):// address of the STOMP endpoint
   * @param handlers onState(state) with 'connecting' | 'live' | 'reconnecting', onConnected() after each
   *                 (re)connect once the subscriptions are sent, onError(message) for an ERROR frame,
   *                 connectHeaders() for extra CONNECT headers (the bearer token: a browser's WebSocket
   *                 cannot set HTTP headers on the handshake)
   */
  constructor(url, handlers = {}) {
    this.url = url;
    this.handlers = handlers;
    this.subscriptions = new Map(); // id -> {destination, callback}
    this.nextId = 0;                 // ids are never reused: a late MESSAGE of a dropped one finds nothing
    this.buffer = '';
    this.retryMs = 500;
    this.timers = [];
    this.stopped = false;
  }

  /** Subscribes now when connected, and again after every reconnect; answers the id for unsubscribe. */
  subscribe(destination, callback) {
    const id = 'sub-' + this.nextId++;
    this.subscriptions.set(id, {destination, callback});
    if (this.connected) {
      this.send('SUBSCRIBE', {id, destination, ack: 'auto'});
    }
    return id;
  }

  /** Ends a subscription: no more MESSAGEs for it, and it is not renewed on reconnect. */
  unsubscribe(id) {
    if (!this.subscriptions.delete(id)) return;
    if (this.connected && this.ws.readyState === 1) {
      this.send('UNSUBSCRIBE', {id});
    }
  }

  connect() {
    this.state('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.send('CONNECT', Object.assign({
        'accept-version': '1.2', host: location.hostname, 'heart-beat': `${HEARTBEAT_MS},${HEARTBEAT_MS}`},
      this.handlers.connectHeaders ? this.handlers.connectHeaders() : {}));
      this.connectedTimer = setTimeout(() => !this.connected && ws.close(), CONNECTED_TIMEOUT_MS);
    };
    ws.onmessage = (e) => this.receive(typeof e.data === 'string' ? e.data : '');
    ws.onclose = () => this.closed();
    ws.onerror = () => ws.close();
  }

  stop() {
    this.stopped = true;
    this.clearTimers();
    if (this.ws) this.ws.close();
  }

  // --- internals ---

  receive(data) {
    this.lastSeen = Date.now();
    this.buffer += data;
    let end;
    while ((end = this.buffer.indexOf(NUL)) >= 0) {
      const raw = this.buffer.substring(0, end).replace(/^[\r\n]+/, ''); // leading EOLs are heart-beats
      this.buffer = this.buffer.substring(end + 1);
      if (raw) this.frame(parseFrame(raw));
    }
    if (!this.buffer.replace(/[\r\n]/g, '')) this.buffer = '';
  }

  frame(f) {
    if (f.command === 'CONNECTED') {
      clearTimeout(this.connectedTimer);
      this.connected = true;
      this.retryMs = 500;
      this.startHeartbeats(f.headers['heart-beat']);
      for (const [id, s] of this.subscriptions) {
        this.send('SUBSCRIBE', {id, destination: s.destination, ack: 'auto'});
      }
      this.state('live');
      if (this.handlers.onConnected) this.handlers.onConnected();
    } else if (f.command === 'MESSAGE') {
      const s = this.subscriptions.get(f.headers.subscription);
      if (s) s.callback(f.body, f.headers);
    } else if (f.command === 'ERROR') {
      console.warn('STOMP error', f.headers.message, f.body);
      if (this.handlers.onError) this.handlers.onError(f.headers.message || f.body);
      this.ws.close();
    }
  }

  // heart-beat negotiation (STOMP 1.2 §Heart-beating): each side sends at the slower of what it
  // offers and what the other side wants; silence for twice the server's interval means a dead link.
  startHeartbeats(header) {
    this.clearTimers();
    const [sx, sy] = (header || '0,0').split(',').map(Number);
    if (sy > 0) {
      const every = Math.max(HEARTBEAT_MS, sy);
      this.timers.push(setInterval(() => this.ws.readyState === 1 && this.ws.send('\n'), every));
    }
    if (sx > 0) {
      const limit = 2 * Math.max(HEARTBEAT_MS, sx);
      this.timers.push(setInterval(() => Date.now() - this.lastSeen > limit && this.ws.close(), limit / 2));
    }
  }

  closed() {
    clearTimeout(this.connectedTimer);
    this.connected = false;
    this.clearTimers();
    if (this.stopped) return;
    this.state('reconnecting');
    setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  clearTimers() {
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  send(command, headers, body = '') {
    const lines = [command];
    for (const [k, v] of Object.entries(headers)) lines.push(`${escape(k)}:${escape(String(v))}`);
    this.ws.send(lines.join('\n') + '\n\n' + body + NUL);
  }

  state(s) {
    // a failed first attempt is a reconnect from the reader's point of view
    if (s === 'connecting' && this.everConnected) s = 'reconnecting';
    if (s === 'live') this.everConnected = true;
    if (this.handlers.onState) this.handlers.onState(s);
  }
}

function parseFrame(raw) {
  const blank = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') : raw.length;
  const head = raw.substring(0, blank).replace(/\r/g, '').split('\n');
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    const key = unescape(line.substring(0, i));
    if (!(key in headers)) headers[key] = unescape(line.substring(i + 1)); // first occurrence wins (§Repeated Header Entries)
  }
  return {command: head[0], headers, body: raw.substring(blank + 2)};
}

function escape(s) {
  return s.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}

function unescape(s) {
  return s.replace(/\\(.)/g, (_, c) => ({r: '\r', n: '\n', c: ':', '\\': '\\'})[c] ?? c);
}
