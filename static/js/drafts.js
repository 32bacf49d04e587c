// Text typed in a box but not sent yet, kept in this browser as it is typed, so that a reload or a
// move to another group does not lose it (docs/realtime.md, "Participant page"). A draft is kept
// under where it was typed — "question:<id>" for a question's new-note box, "note:<id>" for an edit
// in progress — and goes when its text is handed to the outbox or the box is emptied.
import { keep, readKept } from "./live-ui.js";

export class Drafts {
  // describe(questionId): {label, question} — how to name the question of a draft whose box is
  // gone (a move to a group without that question), so it is written down with the draft.
  constructor(key, describe = () => ({}), storage = globalThis.localStorage) {
    Object.assign(this, { key, describe, storage });
  }

  all() {
    const kept = readKept(this.storage, this.key);
    return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : {};
  }

  get(place) {
    return this.all()[place] ?? null;
  }

  // draft: {text, question_id, and for an edit note_id and the revision it was typed on}.
  put(place, draft) {
    const all = this.all();
    if (draft.text.trim()) all[place] = { ...this.describe(draft.question_id), ...draft };
    else delete all[place];
    keep(this.storage, this.key, all);
  }

  clear(place) {
    this.put(place, { text: "" });
  }

  // The draft goes only if it still holds this text: another tab of the same person may have
  // kept its own unsent text in the same box since, and that must outlive this tab's sending.
  clearIfStill(place, text) {
    const kept = this.get(place);
    if (!kept || kept.text.trim() === text.trim()) this.clear(place);
  }

  // One box's draft: the text it held, and how to keep what it holds now; clear(text) after
  // that text was handed on (to the outbox) leaves another tab's text alone.
  slot(place, about) {
    return {
      place,
      text: () => this.get(place)?.text ?? "",
      save: (text) => this.put(place, { ...about, text }),
      clear: (handedOn = null) => (handedOn === null ? this.clear(place) : this.clearIfStill(place, handedOn)),
    };
  }

  // A reload mid-typing gives the keyboard back to the box it was in (its text comes back as a
  // draft): which box is kept for this tab only, as the page goes. Boxes carry data-draft-place.
  keepFocusAcrossReload(storage = sessionStorageOrNull()) {
    if (!storage) return;
    addEventListener("pagehide", () => {
      keep(storage, this.focusKey(), document.activeElement?.dataset?.draftPlace ?? null);
    });
  }

  // Once the boxes and reopened edits are on the page.
  returnFocus(storage = sessionStorageOrNull()) {
    if (!storage) return;
    const place = readKept(storage, this.focusKey());
    keep(storage, this.focusKey(), null);
    const box = typeof place === "string" ? document.querySelector(`textarea[data-draft-place="${CSS.escape(place)}"]`) : null;
    if (!box || box.disabled) return;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }

  focusKey() {
    return `${this.key}:focus`;
  }
}

// A browser with storage turned off throws on the property itself.
function sessionStorageOrNull() {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}
