// The notes a page knows, by id (see docs/realtime.md, "Keeping in step"). Applying a change is
// idempotent: the same change twice, or an older change after a newer one (catch-up answers
// overlap live broadcasts), leaves the same state.

export class NoteStore {
  constructor({ notes = [], seq = 0, ownIds = [] } = {}) {
    this.notes = new Map();
    // Deleted ids and the seq of their deletion, so an older change cannot bring a note back.
    this.tombstones = new Map();
    // Broadcasts do not say whose a note is; a client knows its own notes by the ids it chose.
    this.ownIds = new Set(ownIds);
    this.seq = seq;
    this.listeners = new Set();
    for (const note of notes) this.put(note);
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  get(id) {
    return this.notes.get(id) ?? null;
  }

  all() {
    return [...this.notes.values()].sort(byCreation);
  }

  where(predicate) {
    return this.all().filter(predicate);
  }

  isOwn(id) {
    return this.ownIds.has(id);
  }

  markOwn(id) {
    this.ownIds.add(id);
  }

  // A note as the server has it; returns what changed in view, or null if nothing did.
  put(note) {
    if (!note || !note.id) return null;
    const seq = note.seq ?? 0;
    if (note.is_own) this.ownIds.add(note.id);
    if ((this.tombstones.get(note.id) ?? -1) >= seq) return null;
    if (note.deleted) {
      this.tombstones.set(note.id, seq);
      const known = this.notes.get(note.id);
      this.notes.delete(note.id);
      return known ? { ...known, deleted: true, seq } : null;
    }
    const known = this.notes.get(note.id);
    if (known && known.seq >= seq) return null;
    const stored = { ...note, is_own: this.ownIds.has(note.id) };
    this.notes.set(note.id, stored);
    return stored;
  }

  // A change (a broadcast or a catch-up entry): {seq, kind, note} or {seq, kind, status}.
  apply(change) {
    if (!change) return null;
    const note = change.note ? this.put(change.note) : null;
    if ((change.seq ?? 0) > this.seq) this.seq = change.seq;
    for (const listener of this.listeners) listener(change, note);
    return note;
  }

  toJSON() {
    return { seq: this.seq, notes: this.all(), own: [...this.ownIds] };
  }
}

// Listed in the order they were added (the server's clock), the same on every screen.
function byCreation(a, b) {
  const byTime = String(a.created_at ?? "").localeCompare(String(b.created_at ?? ""));
  return byTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
