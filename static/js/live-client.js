// The live connection, as docs/realtime.md describes it: connect with the session cookie, catch up
// from the last seq after every (re)connect, apply changes in seq order and idempotently — a
// broadcast whose prev_seq is ahead of our cursor means one was lost: hold it, catch up, then
// apply it — and send the outbox in order, keeping each item until the server has acknowledged it.
/* global io */

const ACK_TIMEOUT_MS = 10000;
const RETRY_DELAY_MS = 2000;
// Reconnecting: jittered exponential back-off, so that after a server restart a room full of
// browsers comes back spread over a few seconds rather than all at once (docs/realtime.md).
const RECONNECT = { reconnectionDelay: 500, reconnectionDelayMax: 5000, randomizationFactor: 0.5 };
// A page connects by long-polling and then upgrades to a WebSocket (Socket.IO's default: it works
// behind any proxy). Once this page has had a WebSocket, its reconnects try one first, and
// long-polling in the same attempt if it fails: after a server restart a room of browsers comes
// back with one request each instead of a polling session and an upgrade (docs/realtime.md).
const CLASSIC = { transports: ["polling", "websocket"], tryAllTransports: false };
const WEBSOCKET_FIRST = { transports: ["websocket", "polling"], tryAllTransports: true };
// A broadcast ahead of our cursor usually means the one before it is still on its way (two
// server processes may deliver in crossed order): wait this long for it before catching up.
const GAP_GRACE_MS = 300;
// Errors that say "not now" rather than "not this": the item stays pending and is sent again.
const RETRY_LATER = new Set(["rate_limited", "server_error"]);
// join_code:changed comes to the facilitators and the projector only (join-code.js).
const BROADCASTS = ["note:added", "note:edited", "note:deleted", "workshop:status", "participant:moved", "join_code:changed", "outline:changed"];
const EVENT_OF = { add: "note:add", edit: "note:edit", delete: "note:delete" };
const KIND_OF = { add: "note:added", edit: "note:edited", delete: "note:deleted" };

// What this browser last saw (notes and seq), so a page served from the offline cache starts from
// the newest state this browser knows rather than the older one baked into the cached page.
export function initialState(page, stateKey, storage = globalThis.localStorage) {
  let stored = null;
  try {
    stored = JSON.parse(storage.getItem(stateKey) || "null");
  } catch {
    stored = null;
  }
  if (stored && Number(stored.seq) > Number(page.seq) && Array.isArray(stored.notes)) {
    return { seq: stored.seq, notes: stored.notes, ownIds: stored.own || [], status: stored.status ?? page.status };
  }
  return { seq: page.seq, notes: page.notes, ownIds: stored?.own || [], status: page.status };
}

export class LiveClient {
  // role: "participant" or "facilitator" — a browser can be both in one workshop (a facilitator
  // trying their own join link); the cookie alone would make it the participant.
  // token: a display link's browser has no session cookie; its token authenticates instead.
  // drawnSeq: the seq the page was drawn at (its room, its join code, …), which may be behind the
  // store's when the notes came from this browser's stored state.
  constructor({ workshopId, role, language, store, outbox, stateKey, status, token = null, drawnSeq = null, handlers = {} }) {
    Object.assign(this, { workshopId, role, language, store, outbox, stateKey, status, token });
    this.drawnSeq = drawnSeq ?? store.seq;
    this.handlers = handlers;
    this.state = "connecting";
    this.refusal = null;
    this.catchingUp = false; // a catch-up is running: the badge says so
    this.catching = null; // the running catch-up (a promise), so that callers can wait for it
    this.again = false; // something asked for a catch-up while one was running
    this.held = new Map(); // seq → broadcasts that arrived ahead of a gap, applied after catch-up
    this.flushing = false;
    this.retryTimer = null;
    this.persistTimer = null;
    this.gapTimer = null; // a gap seen: the catch-up that follows unless the missing change comes
    // Outbox items that are not notes (a vote's dots: votes.js), by op: how each is sent.
    this.otherItems = new Map();
    this.hadWebSocket = false; // this page has reached the server by WebSocket (chooseTransports)
  }

  // Another kind of outbox item, sent in order with the notes and kept until acknowledged like
  // them: kind is {event, payload(item), acknowledged(item, ack), refused(item, error)}.
  sendsAlso(op, kind) {
    this.otherItems.set(op, kind);
  }

  start() {
    const auth = this.token
      ? { token: this.token, language: this.language }
      : { workshop_id: this.workshopId, role: this.role, language: this.language };
    // The workshop in the URL too: a reverse proxy can keep one workshop's sockets on one server
    // process (README, "Reverse proxy"). It only routes; the auth decides what the socket may do.
    const query = this.workshopId ? { workshop: String(this.workshopId) } : {};
    this.socket = io({ auth, query, ...RECONNECT, ...CLASSIC });
    this.socket.io.on("open", () => this.noteWebSocket());
    this.socket.io.on("reconnect_attempt", () => this.chooseTransports());
    this.socket.on("connect", () => this.connected());
    this.socket.on("disconnect", (reason) => this.disconnected(reason));
    this.socket.on("connect_error", (error) => this.connectFailed(error));
    for (const event of BROADCASTS) this.socket.on(event, (change) => this.arrived(change));
    this.socket.on("seq:latest", (latest) => this.latestSeq(latest));
    this.socket.on("presence:changed", (message) => this.call("presence", message));
    // A laptop that slept or a hidden tab may have missed the last changes: check on return.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.catchUpSoon();
    });
    window.addEventListener("online", () => this.reconnectNow());
    window.addEventListener("offline", () => this.updateState());
    window.addEventListener("pagehide", () => this.persist());
    this.outbox.onChange(() => this.flush());
    this.updateState();
  }

  call(name, ...args) {
    this.handlers[name]?.(...args);
  }

  // --- connection state: online / reconnecting / offline (and refused, when the server says no)

  updateState() {
    let state = "reconnecting";
    if (this.socket?.connected) state = "online";
    else if (this.refusal) state = "refused";
    else if (navigator.onLine === false) state = "offline";
    else if (this.state === "connecting") state = "connecting";
    if (state !== this.state) {
      const previous = this.state;
      this.state = state;
      this.call("connection", state, previous, this.refusal);
    }
  }

  // Back from the tunnel: try at once rather than after Socket.IO's back-off delay.
  reconnectNow() {
    if (this.socket.connected || this.refusal) return;
    this.socket.disconnect();
    this.connectAgain();
    this.updateState();
  }

  // A connect of our own (Socket.IO's reconnects choose at reconnect_attempt).
  connectAgain() {
    this.chooseTransports();
    this.socket.connect();
  }

  async connected() {
    this.refusal = null;
    this.updateState();
    try {
      await this.catchUpNow();
      this.call("presence", await this.request("presence:get", {}));
    } catch {
      // No answer in time: the outbox is still sent, and the next connect catches up again.
    }
    this.flush();
  }

  disconnected(reason) {
    if (this.state === "connecting") this.state = "reconnecting";
    this.updateState();
    // The server hung up on us (e.g. the participant was removed): ask once more, so the
    // refusal and its reason reach the page instead of silence.
    if (reason === "io server disconnect") window.setTimeout(() => this.connectAgain(), RETRY_DELAY_MS);
  }

  // Whether this page's connection has reached the server by WebSocket: it is open now, or
  // becomes so by the upgrade.
  noteWebSocket() {
    const engine = this.socket.io.engine;
    if (engine.transport?.name === "websocket") this.hadWebSocket = true;
    else engine.once("upgrade", (transport) => { if (transport.name === "websocket") this.hadWebSocket = true; });
  }

  // Read by Socket.IO when it opens the next connection.
  chooseTransports() {
    Object.assign(this.socket.io.opts, this.hadWebSocket ? WEBSOCKET_FIRST : CLASSIC);
  }

  connectFailed(error) {
    // A WebSocket that hangs rather than fails (a proxy holding it) ends in the attempt's
    // timeout: from then on this page upgrades from long-polling again.
    if (error?.message === "timeout") this.hadWebSocket = false;
    // A refusal by the server carries a code; a network failure does not and is retried by itself.
    if (error?.data?.code) this.refusal = { code: error.data.code, message: error.message };
    if (this.state === "connecting") this.state = "reconnecting";
    this.updateState();
  }

  request(event, payload) {
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  }

  // --- keeping in step

  // A broadcast: applied if it follows on from what we have (its prev_seq is not ahead of our
  // cursor); otherwise a change in between is missing — hold this one, and catch up unless the
  // missing one arrives within the grace.
  arrived(change) {
    if (this.catching || !this.followsOn(change)) {
      this.held.set(change.seq, change);
      // During a catch-up, held broadcasts are applied (in seq order) when it ends.
      if (!this.catching) this.catchUpAfterGrace();
      return;
    }
    this.receive(change);
    this.releaseHeld();
    if (!this.hasGap()) this.cancelGrace();
  }

  catchUpAfterGrace() {
    if (this.gapTimer) return;
    this.gapTimer = window.setTimeout(() => {
      this.gapTimer = null;
      if (this.hasGap()) this.catchUpSoon();
    }, GAP_GRACE_MS);
  }

  cancelGrace() {
    window.clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  followsOn(change) {
    return change.prev_seq == null || change.prev_seq <= this.store.seq;
  }

  // Held broadcasts, in seq order, as far as they follow on; those the catch-up covered go.
  releaseHeld() {
    for (const seq of [...this.held.keys()].sort((a, b) => a - b)) {
      const change = this.held.get(seq);
      if (seq > this.store.seq && !this.followsOn(change)) return;
      this.held.delete(seq);
      if (seq > this.store.seq) this.receive(change);
    }
  }

  hasGap() {
    return [...this.held.values()].some((change) => change.seq > this.store.seq && !this.followsOn(change));
  }

  // The server's heartbeat: the latest seq we may see. Ahead of our cursor: we missed the last
  // ones — or their broadcast is still on its way (a beat can read a change committed but not yet
  // published), so it gets the same grace as a gap before we ask.
  latestSeq(latest) {
    const seq = Number(latest?.seq);
    if (!(seq > this.store.seq)) return;
    window.setTimeout(() => {
      if (seq > this.store.seq) this.catchUpSoon();
    }, GAP_GRACE_MS);
  }

  catchUpSoon() {
    // Not connected: the next connect catches up anyway. A failed catch-up waits for the next cue.
    if (this.socket?.connected) this.catchUpNow().catch(() => {});
  }

  // One catch-up at a time; asking during one runs it once more afterwards.
  catchUpNow() {
    if (this.catching) {
      this.again = true;
      return this.catching;
    }
    this.cancelGrace(); // this catch-up covers any gap seen so far
    this.setCatchingUp(true);
    this.catching = this.catchUpUntilInStep().finally(() => {
      this.catching = null;
      this.releaseHeld();
      this.setCatchingUp(false);
      // A broadcast that came during it may be ahead still: its predecessor gets the grace too.
      if (this.hasGap()) this.catchUpAfterGrace();
    });
    return this.catching;
  }

  // Again while asked to, or while held broadcasts still show a gap and the last run got further.
  async catchUpUntilInStep() {
    let progressed;
    do {
      this.again = false;
      const before = this.store.seq;
      await this.catchUp();
      progressed = this.store.seq > before;
      this.releaseHeld();
    } while (this.socket.connected && (this.again || (progressed && this.hasGap())));
  }

  // From where the page was drawn until it has caught up once: the stored notes may be newer
  // (another tab of this person stored them, or the page came from the offline cache), but what
  // the page shows beside them is as drawn. Applying a change again changes nothing.
  async catchUp() {
    let more = true;
    while (more && this.socket.connected) {
      const from = Math.min(this.store.seq, this.drawnSeq);
      const answer = await this.request("changes:since", { seq: from });
      if (!answer?.ok) return;
      for (const change of answer.changes) this.receive(change, true);
      this.store.seq = Math.max(this.store.seq, answer.last_seq);
      this.drawnSeq = Math.max(this.drawnSeq, answer.last_seq);
      more = Boolean(answer.more) && answer.changes.length > 0;
    }
    this.persistSoon();
  }

  setCatchingUp(catchingUp) {
    if (catchingUp === this.catchingUp) return;
    this.catchingUp = catchingUp;
    this.call("catchingUp", catchingUp);
  }

  receive(change, catchingUp = false) {
    const note = this.store.apply(change);
    if (change.kind === "workshop:status" && change.status && change.status !== this.status) {
      this.status = change.status;
      this.call("status", change.status, catchingUp);
    }
    if (note) this.call("note", change, note, catchingUp);
    if (change.kind === "participant:moved") this.call("moved", change, catchingUp);
    if (change.kind === "outline:changed") this.call("outline", change, catchingUp);
    this.persistSoon();
  }

  persistSoon() {
    if (this.persistTimer) return;
    this.persistTimer = window.setTimeout(() => this.persist(), 300);
  }

  persist() {
    window.clearTimeout(this.persistTimer);
    this.persistTimer = null;
    try {
      localStorage.setItem(this.stateKey, JSON.stringify({ ...this.store.toJSON(), status: this.status }));
    } catch {
      // Only a cache: the outbox, which matters, is stored separately.
    }
  }

  // --- the outbox

  async flush() {
    if (this.flushing || !this.socket?.connected) return;
    this.flushing = true;
    try {
      for (let item = this.outbox.next(); item && this.socket.connected; item = this.outbox.next()) {
        if (!(await this.send(item))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  payloadOf(item) {
    if (item.op === "add") {
      const payload = { id: item.note_id, question_id: item.question_id, text: item.text };
      if (item.group_id != null) payload.group_id = item.group_id;
      return payload;
    }
    // null: the operation before it on this note was acknowledged elsewhere (another tab).
    const base = item.base_revision ?? this.store.get(item.note_id)?.revision;
    const payload = { id: item.note_id, op_id: item.op_id };
    if (base != null) payload.base_revision = base;
    if (item.op === "edit") payload.text = item.text;
    return payload;
  }

  // Sends one item; false means "stop for now" (no answer, or the server asks to wait).
  async send(item) {
    const other = this.otherItems.get(item.op);
    const payload = other ? other.payload(item) : this.payloadOf(item);
    this.outbox.markSent(item.op_id, payload.base_revision);
    let ack;
    try {
      ack = await this.request(other ? other.event : EVENT_OF[item.op], payload);
    } catch {
      this.retryLater(RETRY_DELAY_MS);
      return false;
    }
    if (ack?.ok) {
      if (other) other.acknowledged(item, ack);
      else this.noteSaved(item, ack);
      this.outbox.acknowledge(item.op_id, ack.note); // last: the page redraws once, complete
      return true;
    }
    const error = ack?.error ?? { code: "server_error", message: "" };
    if (RETRY_LATER.has(error.code)) {
      this.retryLater(error.details?.retry_after_ms ?? RETRY_DELAY_MS);
      return false;
    }
    this.outbox.fail(item.op_id, error);
    if (other) other.refused(item, error);
    else this.call("refused", item, error);
    return true;
  }

  noteSaved(item, ack) {
    if (item.op === "add") this.store.markOwn(item.note_id);
    const note = this.store.apply({ kind: KIND_OF[item.op], note: ack.note });
    this.call("saved", item, ack, note);
  }

  retryLater(delay) {
    if (this.retryTimer) return;
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, Math.max(delay, 250));
  }

  // Facilitators open and close the workshop for new notes over the same connection.
  setStatus(status) {
    return this.request("workshop:status", { status });
  }
}
