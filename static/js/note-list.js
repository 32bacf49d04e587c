// A list of notes as one person sees it: what the server has, overlaid with what is still in that
// person's outbox (pending, refused, or refused as stale), with the controls each state needs.
// Lists are reconciled by note id, so a live update never steals the focus or a half-typed edit.
import { element, notePoints, renderNoteText, sendOnEnter } from "./live-ui.js";

export function codePoints(text) {
  return [...text].length;
}

export class NotesView {
  // drafts: where an edit in progress is kept as it is typed (drafts.js), or null; announce(text):
  // the page's polite announcer, which says why a note was not taken.
  constructor({ store, outbox, t, noteMax, canEdit, authorOf, defaultGroupId = null, connection, drafts = null, announce = () => {} }) {
    Object.assign(this, { store, outbox, t, noteMax, canEdit, authorOf, defaultGroupId, connection, drafts, announce });
    // Notes this person changed on this page: they show "Saved" too, not only their own notes.
    this.savedHere = new Set();
    // Each new-note box's way to follow the room (attachComposer), by its form.
    this.composers = new Map();
  }

  // The workshop or a question opened or closed: the boxes' reasons about it follow at once.
  roomChanged() {
    for (const [form, follow] of this.composers) {
      if (form.isConnected) follow();
      else this.composers.delete(form); // its box was drawn anew
    }
  }

  // --- from store + outbox to entries

  entries(matches) {
    const waiting = new Map();
    for (const item of this.outbox.items()) {
      if (!waiting.has(item.note_id)) waiting.set(item.note_id, []);
      waiting.get(item.note_id).push(item);
    }
    const entries = [];
    for (const note of this.store.where(matches)) {
      entries.push(this.entry(note.id, note, waiting.get(note.id) || []));
      waiting.delete(note.id);
    }
    // Notes the server does not have (yet, or any more): new ones, or edits of deleted ones.
    for (const [id, items] of waiting) {
      const where = { question_id: items[0].question_id, group_id: items[0].group_id ?? this.defaultGroupId };
      if (items.every((item) => item.op === "delete") || !matches(where)) continue;
      entries.push(this.entry(id, null, items, where));
    }
    return entries;
  }

  entry(id, note, items, where = note) {
    const refused = items.find((item) => item.status === "failed");
    const lastText = items.findLast((item) => item.op !== "delete");
    let state = "saved";
    if (refused) state = refused.error?.code === "stale_revision" ? "stale" : "failed";
    else if (items.at(-1)?.op === "delete") state = "deleting";
    else if (items.length) state = this.connection() === "online" ? "sending" : "waiting";
    return {
      id,
      note,
      text: lastText ? lastText.text : note?.text ?? "",
      state,
      item: refused || items.at(-1) || null,
      orphan: !note && !items.some((item) => item.op === "add"),
      own: this.store.isOwn(id) || items.some((item) => item.op === "add"),
      question_id: where.question_id,
      group_id: where.group_id,
    };
  }

  // --- rendering

  render(list, matches, emptyText = null) {
    const entries = this.entries(matches);
    const existing = new Map([...list.querySelectorAll(":scope > li.note")].map((li) => [li.dataset.noteId, li]));
    let position = 0;
    for (const entry of entries) {
      let li = existing.get(entry.id);
      existing.delete(entry.id);
      if (!li) li = element("li", { class: "note", "data-note-id": entry.id });
      if (li.dataset.editing !== "1") this.fill(li, entry);
      li._entry = entry;
      if (list.children[position] !== li) list.insertBefore(li, list.children[position] || null);
      position += 1;
    }
    // An open editor stays even if its note went away: the person's typing is not thrown out.
    for (const li of existing.values()) {
      if (li.dataset.editing === "1") position += 1;
      else li.remove();
    }
    this.renderEmpty(list, position === 0 ? emptyText : null);
    return entries;
  }

  renderEmpty(list, text) {
    let empty = list.querySelector(":scope > li.notes-empty");
    if (!text) {
      empty?.remove();
      return;
    }
    if (!empty) empty = element("li", { class: "notes-empty" });
    empty.textContent = text;
    list.append(empty);
  }

  fill(li, entry) {
    const editable = this.canEdit(entry);
    const signature = JSON.stringify([entry.text, entry.state, entry.item?.error, entry.orphan, editable,
      this.authorOf(entry), entry.note?.revision, this.savedHere.has(entry.id)]);
    if (li._signature === signature) return;
    li._signature = signature;
    li.dataset.state = entry.state;
    li.className = `note note--${entry.state}`;
    const textId = `note-text-${entry.id}`;
    const text = element("div", { class: "note-text", id: textId });
    renderNoteText(text, entry.text);
    const author = this.authorOf(entry);
    const meta = element("p", { class: "note-meta" },
      author ? element("span", { class: "note-author", text: author }) : null,
      entry.own || entry.item || this.savedHere.has(entry.id)
        ? element("span", { class: "note-state", text: this.stateText(entry) }) : null);
    const focused = li.contains(document.activeElement) ? document.activeElement : null;
    li.replaceChildren(text, meta);
    if (entry.state === "failed" || entry.state === "stale") li.append(this.problem(entry, textId));
    else if (editable && entry.state !== "deleting") li.append(this.actions(entry, textId));
    if (focused) keepFocusIn(li, focused);
  }

  stateText(entry) {
    return this.t(`state_${entry.state}`);
  }

  button(label, textId, onclick, className = "secondary") {
    return element("button", { type: "button", class: className, "aria-describedby": textId, text: label, onclick });
  }

  actions(entry, textId) {
    return element("div", { class: "note-actions" },
      this.button(this.t("edit"), textId, (event) => this.startEdit(event.target.closest("li"), entry.text)),
      this.button(this.t("delete"), textId, (event) => this.delete(entry, event.target.closest("li"))));
  }

  problem(entry, textId) {
    const item = entry.item;
    const error = item.error || {};
    const box = element("div", { class: "note-problem" },
      element("p", { class: "note-reason", text: this.t("not_saved", { reason: error.message || error.code || "" }) }));
    if (entry.state === "stale") {
      const current = error.details?.note;
      const currentText = current?.deleted ? "" : current?.text ?? error.details?.current_text ?? "";
      const currentBox = element("div", { class: "note-text note-current" });
      renderNoteText(currentBox, currentText);
      box.append(element("p", { class: "note-label", text: this.t("current_text") }), currentBox);
      box.append(element("div", { class: "note-actions" },
        this.button(this.t("use_my_text"), textId, () => this.outbox.retry(item.op_id, { baseRevision: this.currentRevision(entry) })),
        this.button(this.t("edit"), textId, (event) => this.startEdit(event.target.closest("li"), entry.text, this.currentRevision(entry))),
        this.button(this.t("keep_current"), textId, (event) => this.discard(item, event.target.closest("li")))));
    } else if (entry.orphan) {
      box.append(element("div", { class: "note-actions" },
        this.button(this.t("add_as_new"), textId, () => this.addAsNew(entry)),
        this.button(this.t("discard_change"), textId, (event) => this.discard(item, event.target.closest("li")))));
    } else {
      box.append(element("div", { class: "note-actions" },
        item.op === "delete" ? null : this.button(this.t("edit"), textId, (event) => this.startEdit(event.target.closest("li"), entry.text)),
        this.button(this.t("send_again"), textId, () => this.outbox.retry(item.op_id), "primary"),
        this.button(this.t(item.op === "add" ? "discard_note" : "discard_change"), textId,
          (event) => this.discard(item, event.target.closest("li")))));
    }
    return box;
  }

  currentRevision(entry) {
    const details = entry.item?.error?.details || {};
    return details.current_revision ?? details.note?.revision ?? entry.note?.revision;
  }

  // --- what people do with a note

  // baseRevision is given only when the person chose to edit on top of a newer text (stale);
  // seen, when an edit kept from before a reload goes on: the revision it was typed on.
  startEdit(li, text, baseRevision, { seen = li._entry.note?.revision, focus = true } = {}) {
    const entry = li._entry;
    li.dataset.editing = "1";
    const fieldId = `edit-${entry.id}`;
    const textarea = element("textarea", { id: fieldId, rows: 3, "aria-describedby": `${fieldId}-error` });
    textarea.value = text;
    const error = element("p", { class: "field-error", id: `${fieldId}-error`, hidden: true });
    const form = element("form", { class: "note-edit" },
      element("label", { for: fieldId, text: this.t("edit_label") }), textarea, error,
      element("div", { class: "note-actions" },
        element("button", { type: "submit", text: this.t("save") }),
        element("button", { type: "button", class: "secondary", text: this.t("cancel"), onclick: () => this.endEdit(li) })));
    const save = () => this.saveEdit(li, textarea.value, { baseRevision, seen }, error, textarea);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save();
    });
    sendOnEnter(textarea, save);
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.endEdit(li);
    });
    this.keepDraft(textarea, entry, seen);
    // An edit kept from before a reload may be too long: it says so at once, not on Enter.
    const tooLong = this.tooLong(text);
    if (tooLong) showTextProblem(textarea, error, tooLong, { focus: false });
    followTextProblem(textarea, error, this);
    li.replaceChildren(form);
    li._signature = null;
    if (focus) textarea.focus();
  }

  // The edit is kept as it is typed (only while it differs from the note), until saved or cancelled.
  keepDraft(textarea, entry, seen) {
    const draft = this.drafts?.slot(`note:${entry.id}`, { note_id: entry.id, question_id: entry.question_id, revision: seen });
    if (draft) textarea.dataset.draftPlace = draft.place;
    textarea.addEventListener("input", () => draft?.save(textarea.value === entry.text ? "" : textarea.value));
  }

  saveEdit(li, text, { baseRevision, seen }, errorBox, textarea) {
    const entry = li._entry;
    const problem = this.checkText(text);
    if (problem) {
      showTextProblem(textarea, errorBox, problem);
      this.announce(problem);
      return;
    }
    const refused = entry.item?.status === "failed" ? entry.item : null;
    if (refused && refused.op !== "delete") {
      // A refused edit keeps the revision it was based on, unless the person chose a newer one.
      this.outbox.retry(refused.op_id, { text, baseRevision });
    } else if (text !== entry.text) {
      this.outbox.edit(entry.id, text, baseRevision ?? seen, { question_id: entry.question_id, group_id: entry.group_id });
      this.sayIfKept();
    }
    this.endEdit(li);
  }

  endEdit(li) {
    this.drafts?.clear(`note:${li.dataset.noteId}`);
    delete li.dataset.editing;
    li._signature = null;
    this.onChange?.();
    li.querySelector(".note-actions button")?.focus();
  }

  delete(entry, li) {
    if (!window.confirm(this.t("confirm_delete"))) return;
    this.keepFocusNear(li, () => this.outbox.remove(entry.id, entry.note?.revision));
    if (entry.note) this.sayIfKept(); // a note never sent is simply gone
  }

  // Online, "Note saved." follows at once; offline nothing would, after the box emptied.
  sayIfKept() {
    if (this.connection() !== "online") this.announce(this.t("announce_kept_offline"));
  }

  discard(item, li) {
    this.keepFocusNear(li, () => this.outbox.discard(item.op_id));
  }

  // The button pressed may vanish with its note: leave the focus on the note's box, not nowhere.
  keepFocusNear(li, change) {
    const box = li?.closest("ul")?.parentElement?.querySelector("form.composer textarea");
    change();
    // A note being deleted keeps no controls: the focus left on the note itself goes too.
    const stranded = !li?.isConnected || !li.contains(document.activeElement) || document.activeElement === li;
    if (stranded) box?.focus();
  }

  addAsNew(entry) {
    this.outbox.discard(entry.item.op_id);
    const id = this.outbox.add({ question_id: entry.question_id, group_id: entry.group_id, text: entry.text });
    this.store.markOwn(id);
  }

  checkText(text) {
    // Empty too: a "- " with nothing after it (the server refuses it alike, note_rules.clean_text).
    if (!notePoints(text).length) return this.t("note_empty");
    return this.tooLong(text);
  }

  tooLong(text) {
    const length = codePoints(text);
    return length > this.noteMax ? this.t("note_too_long", { max: this.noteMax, length }) : null;
  }
}

// A note redrawn (saving → saved, a new revision) must not drop the keyboard focus to the page:
// the same control again if it is still there, else the note's first control, else the note (a
// note being deleted has none: keepFocusNear then moves the focus on to the question's box).
function keepFocusIn(li, focused) {
  if (li.contains(document.activeElement)) return;
  const buttons = [...li.querySelectorAll("button")];
  const same = buttons.find((button) => button.textContent === focused.textContent);
  const target = same ?? buttons[0] ?? li;
  if (target === li) li.tabIndex = -1;
  target.focus();
}

// focus: false where the person is not acting on the field (a box filled again as the page loads):
// the keyboard stays where it is, and the reason is read when they come to the field.
export function showFieldError(field, box, message, { focus = true } = {}) {
  box.textContent = message;
  box.hidden = !message;
  field.setAttribute("aria-invalid", message ? "true" : "false");
  if (message && focus) field.focus();
}

// What is wrong with the text itself (too long, empty), as opposed to where it goes (the workshop
// or question closed): only the former is the text's to lift, as it is fixed.
function showTextProblem(field, box, message, options) {
  showFieldError(field, box, message, options);
  box.dataset.about = message ? "text" : "";
}

// A refused text keeps its reason under the box until it is fixed, not until the next Enter: as
// it is typed, a too-long text's reason follows it (its count) and goes once it is within the
// limit; an empty one's goes with the first change. Nothing is said meanwhile (typing is not
// interrupted); Enter judges the text again and says why.
function followTextProblem(field, box, view) {
  field.addEventListener("input", () => {
    if (box.dataset.about === "text") showTextProblem(field, box, view.tooLong(field.value), { focus: false });
  });
}

// The box under each question: Enter adds (lists continue, see sendOnEnter), and so does the
// visible button. A refused or too-long text stays in the box. draft: where the box's unsent text
// is kept as it is typed (Drafts.slot), or null.
export function attachComposer(form, { view, onAdd, isOpen, closedMessage = () => view.t("closed_for_notes"), draft = null }) {
  const textarea = form.querySelector("textarea");
  const error = form.querySelector(".field-error");
  if (draft) {
    textarea.value = draft.text();
    textarea.dataset.draftPlace = draft.place;
    textarea.addEventListener("input", () => draft.save(textarea.value));
    // Kept text over the limit comes back with its reason, quietly: many boxes may come back at
    // once, and the focus stays where the page puts it.
    const tooLong = view.tooLong(textarea.value);
    if (tooLong) showTextProblem(textarea, error, tooLong, { focus: false });
  }
  followTextProblem(textarea, error, view);
  const submit = () => {
    const text = textarea.value;
    if (!text.trim()) return;
    const open = isOpen();
    const problem = open ? view.checkText(text) : closedMessage();
    showFieldError(textarea, error, problem);
    error.dataset.about = problem ? (open ? "text" : "room") : "";
    if (problem) {
      // The box keeps the focus, so its new description is not read out: say it.
      view.announce(problem);
      return;
    }
    onAdd(text);
    view.sayIfKept();
    textarea.value = "";
    draft?.clear(text);
    textarea.focus();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  sendOnEnter(textarea, submit);
  // A refusal for where the note goes (the workshop or its question closed) is the room's to lift:
  // when it opens again, the reason goes at once and the text stays in the box, ready to be sent
  // (left, "closed" would stand under a box that can send, until the next Enter). Closed for
  // another reason meanwhile, the box gives that one, quietly: nothing was pressed.
  view.composers.set(form, () => {
    if (error.dataset.about !== "room") return;
    const problem = isOpen() ? null : closedMessage();
    showFieldError(textarea, error, problem, { focus: false });
    error.dataset.about = problem ? "room" : "";
  });
}
