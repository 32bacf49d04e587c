// The persistent outbox: every add, edit and delete is written here BEFORE it is sent, and
// leaves only when the server has acknowledged it. It lives in localStorage, keyed per workshop
// and person, so a reload, a crash or a lost Wi-Fi connection loses nothing.
//
// An item: {op, op_id, note_id, question_id, group_id, text, base_revision, sent, status, error}
//   op            "add" | "edit" | "delete"
//   op_id         the idempotency key (for "add" it is the note id itself)
//   base_revision for "edit": the revision the person saw; null means "whatever the operation
//                 before it on the same note produces" (filled in when that one is acknowledged)
//   sent          emitted at least once: from then on the server may have it, so the payload
//                 is frozen (a later change becomes a new item behind it)
//   status        "pending" (will be sent) | "failed" (refused, kept with `error` until the person
//                 fixes and resends it, or discards it)

export function newId() {
  if (globalThis.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; plain-HTTP LAN addresses still get a v4 UUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Outbox {
  constructor(key, storage = globalThis.localStorage) {
    this.key = key;
    this.storage = storage;
    this.listeners = new Set();
    this.persistent = true;
    this.list = this.load();
    // Another tab of the same person changed the outbox: follow it.
    globalThis.addEventListener?.("storage", (event) => {
      if (event.key !== this.key) return;
      this.list = this.load();
      this.notify();
    });
  }

  load() {
    try {
      const parsed = JSON.parse(this.storage.getItem(this.key) || "[]");
      return Array.isArray(parsed) ? parsed.filter((item) => item && item.op_id) : [];
    } catch {
      return this.list || [];
    }
  }

  save() {
    try {
      this.storage.setItem(this.key, JSON.stringify(this.list));
      this.persistent = true;
    } catch {
      // Storage full or disabled: keep working from memory, and let the page say so.
      this.persistent = false;
    }
    this.notify();
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  notify() {
    for (const listener of this.listeners) listener(this);
  }

  items() {
    return this.list.map((item) => ({ ...item }));
  }

  forNote(noteId) {
    return this.list.filter((item) => item.note_id === noteId);
  }

  find(opId) {
    return this.list.find((item) => item.op_id === opId);
  }

  get size() {
    return this.list.length;
  }

  // --- what people do ---

  add({ note_id = newId(), question_id, group_id = null, text }) {
    this.list.push({
      op: "add", op_id: note_id, note_id, question_id, group_id, text,
      base_revision: null, sent: false, status: "pending", error: null, created: Date.now(),
    });
    this.save();
    return note_id;
  }

  // Any other kind of item (a vote's dot): op and op_id, and note_id naming what it is about —
  // the items about one thing go in order, and one refused holds back those behind it.
  enqueue(item) {
    this.list.push({ ...item, sent: false, status: "pending", error: null, created: Date.now() });
    this.save();
  }

  edit(noteId, text, baseRevision, { question_id = null, group_id = null } = {}) {
    const last = this.forNote(noteId).at(-1);
    if (last && last.op !== "delete" && (!last.sent || last.status === "failed")) {
      // Not yet with the server (or refused by it): fixing the waiting item is enough.
      const refused = last.status === "failed";
      Object.assign(last, { text, status: "pending", error: null });
      if (refused) this.renew(last);
    } else {
      this.list.push({
        op: "edit", op_id: newId(), note_id: noteId, question_id, group_id, text,
        base_revision: last ? null : baseRevision,
        sent: false, status: "pending", error: null, created: Date.now(),
      });
    }
    this.save();
  }

  remove(noteId, baseRevision) {
    const items = this.forNote(noteId);
    const add = items.find((item) => item.op === "add");
    if (add && (!add.sent || add.status === "failed")) {
      // The server never stored this note: forgetting it is the whole deletion.
      this.list = this.list.filter((item) => item.note_id !== noteId);
    } else {
      // Waiting edits are moot once the note goes.
      this.list = this.list.filter(
        (item) => item.note_id !== noteId || item.sent || item.op !== "edit",
      );
      this.list.push({
        op: "delete", op_id: newId(), note_id: noteId, text: null,
        base_revision: items.some((item) => item.sent) ? null : baseRevision,
        sent: false, status: "pending", error: null, created: Date.now(),
      });
    }
    this.save();
  }

  // Send a refused item again, optionally with fixed text or on top of a newer revision.
  retry(opId, { text, baseRevision } = {}) {
    const item = this.find(opId);
    if (!item) return;
    if (text !== undefined && item.op !== "delete") item.text = text;
    if (baseRevision !== undefined) item.base_revision = baseRevision;
    Object.assign(item, { status: "pending", error: null });
    this.renew(item);
    this.save();
  }

  // New words for a refused edit that stays refused (and unsent) until the person chooses.
  revise(opId, text) {
    const item = this.find(opId);
    if (!item || item.op === "delete") return;
    item.text = text;
    this.save();
  }

  discard(opId) {
    const item = this.find(opId);
    if (!item) return;
    // Without its add, nothing else about that note can succeed.
    this.list = item.op === "add"
      ? this.list.filter((other) => other.note_id !== item.note_id)
      : this.list.filter((other) => other !== item);
    this.save();
  }

  // A resent edit or delete gets a fresh operation id, so a server that remembers refused ids
  // cannot answer with the old refusal. An add keeps its id: that is the note's id.
  renew(item) {
    if (item.op !== "add") item.op_id = newId();
    item.sent = false;
  }

  // --- what the sender does ---

  // The next item to send: the oldest pending one whose note has nothing refused before it.
  next(isBlocked = () => false) {
    const refusedNotes = new Set();
    for (const item of this.list) {
      if (item.status === "failed") {
        refusedNotes.add(item.note_id);
      } else if (!refusedNotes.has(item.note_id) && !isBlocked(item)) {
        return { ...item };
      }
    }
    return null;
  }

  // From now on the server may have it: freeze it, with the base revision it was sent with.
  markSent(opId, baseRevision) {
    const item = this.find(opId);
    if (!item) return;
    const base = item.base_revision ?? baseRevision ?? null;
    if (item.sent && item.base_revision === base) return;
    Object.assign(item, { sent: true, base_revision: base });
    this.save();
  }

  // The server stored it: remove it, and tell the next operation on that note its base revision.
  acknowledge(opId, note) {
    const item = this.find(opId);
    if (!item) return;
    this.list = this.list.filter((other) => other !== item);
    const following = this.list.find((other) => other.note_id === item.note_id);
    if (following && following.op !== "add" && following.base_revision == null && note) {
      following.base_revision = note.revision;
    }
    this.save();
  }

  fail(opId, error) {
    const item = this.find(opId);
    if (!item) return;
    Object.assign(item, { status: "failed", error: error || null });
    this.save();
  }
}
