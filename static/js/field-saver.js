// Saves editable fields as people type, with the notes' guarantee: every change is written to the
// persistent outbox (outbox.js) BEFORE it is sent and leaves it only when the server has
// acknowledged it, so a dropped connection or a reload loses nothing. Each field is an outbox
// "note" (its key is the note id) that is only ever edited; each edit carries the revision the
// person saw, so the server refuses a stale edit instead of overwriting someone else's words.
//
// transport(payload) sends one edit {op_id, field, base_revision, value} and resolves with the
// server's answer {ok: true, field: {key, value, revision}} or {ok: false, error: {code, message,
// details}}; it throws when the server could not be reached (then we are offline and try again).

const RETRY_DELAY_MS = 2000;
const MAX_RETRY_DELAY_MS = 4000;
// "Not now" rather than "not this": the edit stays waiting and is sent again.
const RETRY_LATER = new Set(["rate_limited", "server_error"]);

// The fields this browser last knew, so a page served from the offline cache starts from the
// newest revision this browser saw rather than the older one baked into the cached page.
export function knownFields(pageFields, stateKey, storage = globalThis.localStorage) {
  let stored = {};
  try {
    stored = JSON.parse(storage.getItem(stateKey) || "{}") || {};
  } catch {
    stored = {};
  }
  const fields = new Map(Object.entries(pageFields));
  for (const [key, field] of Object.entries(stored)) {
    const onPage = fields.get(key);
    if (onPage && Number(field?.revision) > Number(onPage.revision)) fields.set(key, field);
  }
  return fields;
}

export class FieldSaver {
  constructor({ outbox, fields, stateKey, transport, handlers = {} }) {
    Object.assign(this, { outbox, fields, stateKey, transport, handlers });
    this.state = navigator.onLine === false ? "offline" : "online";
    this.flushing = false;
    this.retryTimer = null;
    this.retryDelay = RETRY_DELAY_MS;
    // Fields edited on this page (or waiting from before a reload): they say "Saved" once saved.
    this.touched = new Set(outbox.items().map((item) => item.note_id));
  }

  start() {
    window.addEventListener("online", () => this.flushNow());
    window.addEventListener("offline", () => this.setState("offline"));
    this.outbox.onChange(() => this.flush());
    this.flush();
  }

  call(name, ...args) {
    this.handlers[name]?.(...args);
  }

  setState(state) {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    this.call("connection", state, previous);
  }

  // What the person typed: the newest text of the field goes into the outbox.
  edit(key, value) {
    this.touched.add(key);
    const known = this.fields.get(key);
    const waiting = this.outbox.forNote(key).at(-1);
    const current = waiting ? waiting.text : known?.value ?? "";
    if (value === current) return;
    const refused = this.problemOf(key);
    if (refused?.error?.code === "stale_edit") {
      // Typing on after being told of the other version is not yet choosing one's own: the
      // refusal can arrive mid-word, unread. The words are kept, and sent only on "Keep mine".
      this.outbox.revise(refused.op_id, value);
      return;
    }
    this.outbox.edit(key, value, known?.revision ?? 0);
  }

  // The text a field should show: the newest waiting edit, else what the server has.
  valueOf(key) {
    const waiting = this.outbox.forNote(key).at(-1);
    return waiting ? waiting.text : this.fields.get(key)?.value ?? "";
  }

  // "untouched" (saved, and not edited here) | "saved" | "waiting" | "sending" | "failed" | "stale"
  stateOf(key) {
    const items = this.outbox.forNote(key);
    const refused = items.find((item) => item.status === "failed");
    if (refused) return refused.error?.code === "stale_edit" ? "stale" : "failed";
    if (!items.length) return this.touched.has(key) ? "saved" : "untouched";
    return items.some((item) => item.sent) && this.state === "online" ? "sending" : "waiting";
  }

  problemOf(key) {
    return this.outbox.forNote(key).find((item) => item.status === "failed") ?? null;
  }

  // Keep my words after a stale edit: send them again on top of the revision the server has now.
  keepMine(key) {
    const item = this.problemOf(key);
    if (!item) return;
    const current = item.error?.details?.field;
    if (current) this.remember(current);
    this.outbox.retry(item.op_id, { baseRevision: this.fields.get(key)?.revision ?? 0 });
  }

  // Take the server's text instead of mine: my refused edit (and what waited behind it) goes.
  takeCurrent(key) {
    const item = this.problemOf(key);
    if (!item) return;
    const current = item.error?.details?.field;
    if (current) this.remember(current);
    for (const other of this.outbox.forNote(key)) this.outbox.discard(other.op_id);
  }

  remember(field) {
    const known = this.fields.get(field.key);
    if (known && Number(known.revision) > Number(field.revision)) return;
    this.fields.set(field.key, { value: field.value, revision: field.revision });
    this.persist();
  }

  persist() {
    try {
      localStorage.setItem(this.stateKey, JSON.stringify(Object.fromEntries(this.fields)));
    } catch {
      // Only a cache: the outbox, which matters, is stored separately.
    }
  }

  flushNow() {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryDelay = RETRY_DELAY_MS;
    this.flush();
  }

  async flush() {
    if (this.flushing || this.retryTimer) return;
    // The browser knows it has no network: wait for its "online" rather than try in vain.
    if (navigator.onLine === false) {
      this.setState("offline");
      return;
    }
    this.flushing = true;
    try {
      for (let item = this.outbox.next(); item; item = this.outbox.next()) {
        if (!(await this.send(item))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  payloadOf(item) {
    // null: the edit before it on this field was acknowledged; its revision is the base.
    const base = item.base_revision ?? this.fields.get(item.note_id)?.revision ?? 0;
    return { op_id: item.op_id, field: item.note_id, base_revision: base, value: item.text };
  }

  // Sends one edit; false means "stop for now" (unreachable, or the server asks to wait).
  async send(item) {
    const payload = this.payloadOf(item);
    this.outbox.markSent(item.op_id, payload.base_revision);
    let answer;
    try {
      answer = await this.transport(payload);
    } catch {
      this.setState("offline");
      this.retryLater();
      return false;
    }
    this.setState("online");
    this.retryDelay = RETRY_DELAY_MS;
    if (answer?.ok) {
      this.remember(answer.field);
      this.call("saved", item, answer.field);
      if (this.outbox.find(item.op_id)) {
        this.outbox.acknowledge(item.op_id, { revision: answer.field.revision }); // last: one redraw
      } else {
        // Another tab of this browser (same outbox) had it acknowledged first, and redrew then,
        // before this page knew the saved text: redraw now, or the field keeps showing the old.
        this.outbox.notify();
      }
      return true;
    }
    const error = answer?.error ?? { code: "server_error", message: "" };
    if (RETRY_LATER.has(error.code)) {
      this.retryLater(error.details?.retry_after_ms);
      return false;
    }
    this.outbox.fail(item.op_id, error);
    this.call("refused", item, error);
    return true;
  }

  retryLater(delay) {
    if (this.retryTimer) return;
    const wait = Math.max(delay ?? this.retryDelay, 250);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_DELAY_MS);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, wait);
  }
}
