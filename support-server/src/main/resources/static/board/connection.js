// The board's one socket to /ws: says hello, matches replies to frames by ref, and comes back
// with backoff whenever the socket drops (a node restart, a network blip). Everything it needs
// from the browser is passed in, so node's test runner drives it with a fake socket.
import { backoffDelay } from './model.js';

const CALL_TIMEOUT_MS = 10000;

export class FloorConnection {
  /**
   * @param options.url the ws:// or wss:// address of /ws
   * @param options.getToken async () => a bearer token, or null to rely on the session cookie
   * @param options.createSocket (url) => a WebSocket
   * @param options.onFrame called with every server frame that is not a reply
   * @param options.onStatus called with {state: 'connecting'|'online'|'offline'|'signedOut', retryInMs?}
   */
  constructor({
    url,
    getToken = async () => null,
    createSocket,
    onFrame = () => {},
    onStatus = () => {},
    // wrapped: the browser's timers refuse to be called as methods of another object
    timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) },
    random = Math.random,
  }) {
    this.url = url;
    this.getToken = getToken;
    this.createSocket = createSocket;
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.timers = timers;
    this.random = random;
    this.attempt = 0;
    this.nextRef = 1;
    this.pending = new Map();
    this.socket = null;
    this.online = false;
    this.stopped = false;
    this.retryTimer = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.timers.clearTimeout(this.retryTimer);
    this.socket?.close();
  }

  /** Sends a frame; resolves with its ack, rejects with its error ({code, message}). */
  send(type, fields = {}) {
    if (!this.online) {
      return Promise.reject({ code: 'offline', message: 'Not connected' });
    }
    const ref = 'b' + this.nextRef++;
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(ref);
        reject({ code: 'timeout', message: 'No answer from the server' });
      }, CALL_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ type, ref, ...fields }));
    });
  }

  async connect() {
    if (this.stopped) {
      return;
    }
    this.onStatus({ state: 'connecting' });
    let token = null;
    try {
      token = await this.getToken();
    } catch {
      token = null;
    }
    if (this.stopped) {
      return;
    }
    let socket;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    let signedOut = false;
    socket.onopen = () => {
      const hello = { type: 'hello', ref: 'hello' };
      if (token) {
        hello.token = token;
      }
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!this.online) {
        if (frame.type === 'welcome') {
          this.online = true;
          this.attempt = 0;
          this.onStatus({ state: 'online' });
          this.onFrame(frame);
        } else if (frame.type === 'error' && frame.code === 'unauthenticated') {
          signedOut = true;
        }
        return;
      }
      const waiting = frame.ref != null && (frame.type === 'ack' || frame.type === 'error')
        ? this.pending.get(frame.ref)
        : null;
      if (waiting) {
        this.pending.delete(frame.ref);
        this.timers.clearTimeout(waiting.timer);
        if (frame.type === 'ack') {
          waiting.resolve(frame);
        } else {
          waiting.reject(frame);
        }
        return;
      }
      this.onFrame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.online = false;
      for (const [ref, call] of this.pending) {
        this.timers.clearTimeout(call.timer);
        call.reject({ code: 'offline', message: 'The connection dropped' });
        this.pending.delete(ref);
      }
      if (signedOut) {
        this.stopped = true;
        this.onStatus({ state: 'signedOut' });
      } else {
        this.retry();
      }
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry
    };
  }

  retry() {
    if (this.stopped) {
      return;
    }
    const delay = backoffDelay(this.attempt++, this.random);
    this.onStatus({ state: 'offline', retryInMs: delay });
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }
}
