// The participant's group page: the group's notes under each question, live, and the boxes to
// add notes. What it shares with the other live pages is in live-page.js; what is its own: only
// its group's notes, editing only its own, presence of its group, incoming notes announced by
// author, following the room (participant-room.js), and keeping unsent text (drafts.js).
import { Drafts } from "./drafts.js";
import { LivePage } from "./live-page.js";
import { NotesView, attachComposer } from "./note-list.js";
import { keepPageForOffline } from "./offline-page.js";
import { OutlineRedraw, restoreFocus } from "./outline-redraw.js";
import { ParticipantRoom } from "./participant-room.js";
import { ParticipantPlenary } from "./participant-plenary.js";
import { showUnsent } from "./unsent-text.js";

const live = new LivePage({ role: "participant", person: (page) => `participant:${page.participant_id}`, statusRegion: true });
const { page, t, store, outbox } = live;
const room = new ParticipantRoom(live);
const plenary = new ParticipantPlenary(live, room.room);
const drafts = new Drafts(`workshop:${page.workshop_id}:participant:${page.participant_id}:drafts`, describeQuestion);

live.view = new NotesView({
  store,
  outbox,
  t,
  noteMax: page.note_max,
  defaultGroupId: page.group_id,
  connection: () => live.client.state,
  drafts,
  announce: (text) => live.announcer.say(text),
  canEdit: (entry) => entry.own,
  authorOf: (entry) => {
    if (entry.own) return t("you");
    const note = entry.note || {};
    if (note.author_kind === "facilitator") return note.author_name ? t("by_facilitator", { name: note.author_name }) : t("facilitator");
    return note.author_name || "";
  },
});

// A draft names its question as this page does, for a page that no longer has it (after a move).
function describeQuestion(questionId) {
  const article = document.getElementById(`question-${questionId}`);
  if (!article) return {};
  const heading = article.querySelector(".question-text");
  const words = [...heading.childNodes].filter((node) => !node.classList?.contains("question-label"));
  return { label: article.dataset.label, question: words.map((node) => node.textContent).join("").trim() };
}

function renderNotes() {
  for (const list of document.querySelectorAll("ul.notes[data-question-id]")) {
    const questionId = Number(list.dataset.questionId);
    live.view.render(list, (note) => note.question_id === questionId);
  }
}

function showOnline(count) {
  if (count === undefined || count === null) return;
  const online = document.getElementById("online-count");
  online.textContent = live.counted(page.strings.online_in_group, count);
  online.hidden = false;
}

function workshopClosedReason() {
  return t(live.status === "draft" ? "not_started" : "closed_for_notes");
}

// The page's one sentence on why notes cannot be added. It stands in a status region: words put
// there are read out, so they are written only when they change (not again as the page loads).
function showStatus() {
  const banner = document.getElementById("closed-banner");
  const reason = live.status === "live" ? "" : workshopClosedReason();
  banner.hidden = !reason;
  if (banner.textContent !== reason) banner.textContent = reason;
  room.arrange(); // the boxes' Add buttons and the typing hint follow the status and the room
}

function noteArrived(change, note) {
  if (change.kind !== "note:added" || store.isOwn(note.id)) return;
  live.announcer.noteArrived(note.author_name ? t("new_note_from", { name: note.author_name }) : t("new_note_in_group"));
}

// The facilitator moved this participant: the page is drawn for a group (its questions, its
// notes), so it is drawn again from the server — the outbox is kept in this browser meanwhile —
// and then says what happened.
const movedKey = `workshop:${page.workshop_id}:participant:${page.participant_id}:moved`;

function followMove(change) {
  if (change.participant_id !== page.participant_id || change.group_id === page.group_id) return;
  try {
    sessionStorage.setItem(movedKey, "1");
  } catch {
    // Without storage the new group's page is shown without the word of why.
  }
  live.client.persist();
  window.location.reload();
}

// Kept drafts go back where they were typed: new-note boxes already have theirs (attachComposer),
// edits open again on their notes; the rest is shown under "Your unsent text". Returns how many.
function restoreDrafts() {
  const leftovers = Object.entries(drafts.all())
    .filter(([place, draft]) => !(place.startsWith("question:") ? composerFor(draft.question_id) : reopenEdit(draft)))
    .map(([place]) => place);
  room.revealUnsent();
  showUnsent(drafts, leftovers, t);
  return leftovers.length;
}

function composerFor(questionId) {
  return document.querySelector(`form.composer[data-question-id="${Number(questionId)}"]`);
}

function noteItem(noteId) {
  return document.querySelector(`li.note[data-note-id="${CSS.escape(String(noteId))}"]`);
}

function reopenEdit(draft) {
  const li = noteItem(draft.note_id);
  if (!li?._entry || !live.view.canEdit(li._entry)) return false;
  live.view.startEdit(li, draft.text, undefined, { seen: draft.revision, focus: false });
  return true;
}

function sayIfMoved(unsentCount) {
  let moved = null;
  try {
    moved = sessionStorage.getItem(movedKey);
    sessionStorage.removeItem(movedKey);
  } catch {
    return;
  }
  const banner = document.getElementById("moved-banner");
  if (!moved || !banner) return;
  if (unsentCount) banner.append(` ${t("moved_unsent")}`);
  banner.hidden = false;
  // Said once, by the announcer: the banner is no live region (some screen readers read a live
  // region that appears with its words, others do not), it only stays in view.
  live.announcer.sayNews(banner.textContent);
}

Object.assign(live.on, {
  moved: followMove,
  refresh: () => {
    renderNotes();
    room.revealRefused();
  },
  // Who else is online is known only while we are: the count comes back with the connection.
  connection: (state) => {
    if (state !== "online") document.getElementById("online-count").hidden = true;
  },
  outline: () => {
    redraw.soon();
    room.reload();
  },
  status: showStatus,
  presence: (message) => showOnline(message?.online?.[String(page.group_id)]),
  note: (change, note) => {
    live.refresh();
    noteArrived(change, note);
  },
});

function attachBox(form) {
  const questionId = Number(form.dataset.questionId);
  attachComposer(form, {
    view: live.view,
    draft: drafts.slot(`question:${questionId}`, { question_id: questionId }),
    isOpen: () => live.status === "live" && !room.closedMessage(questionId),
    closedMessage: () => (live.status === "live" ? room.closedMessage(questionId) : workshopClosedReason()),
    onAdd: (text) => store.markOwn(outbox.add({ question_id: questionId, text })),
  });
}

// --- the facilitator changed the outline: the questions are drawn again, in place

const redraw = new OutlineRedraw({
  url: page.outline_url,
  container: document.getElementById("group-outline"),
  drawn: outlineDrawn,
});

function outlineDrawn({ added, removed, focus }) {
  for (const article of added) attachBox(article.querySelector("form.composer"));
  room.adopt();
  live.refresh();
  room.arrange();
  // Text typed under a question that went is kept, as after a move to another group.
  const lostBox = removed.some((article) => article.querySelector("form.composer textarea").value.trim());
  showUnsent(drafts, draftsWithoutBox(), t);
  room.revealUnsent();
  if (lostBox && focus && removed.some((article) => article.contains(focus.element))) {
    document.getElementById("unsent-heading").focus();
  } else {
    restoreFocus(focus);
  }
  live.announcer.sayNews([t("announce_outline_changed"), lostBox ? t("moved_unsent") : ""].join(" ").trim(), "outline");
}

// Kept drafts whose box is not on the page: a question's that went, an edit of a note not shown.
function draftsWithoutBox() {
  return Object.entries(drafts.all())
    .filter(([place, draft]) => !(place.startsWith("question:") ? composerFor(draft.question_id) : noteItem(draft.note_id)))
    .map(([place]) => place);
}

for (const form of document.querySelectorAll("form.composer")) attachBox(form);

// Only when the browser cannot store the outbox does leaving the page lose unsent words.
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
showStatus();
showOnline(page.online);
room.show();
live.start();
drafts.keepFocusAcrossReload();
sayIfMoved(restoreDrafts());
drafts.returnFocus();
room.start();
plenary.start();
// A page from the offline cache is older than what this browser saw since: the outline may be too.
if (store.seq > page.seq) redraw.soon();
keepPageForOffline(page.service_worker);
