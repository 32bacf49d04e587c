// The participant's group page: the group's notes under each question, live, and the boxes to
// add notes. What it shares with the other live pages is in live-page.js; what is its own: only
// its group's notes, editing only its own, presence of its group, incoming notes announced by
// author, and following the room (participant-room.js).
import { LivePage } from "./live-page.js";
import { NotesView, attachComposer } from "./note-list.js";
import { keepPageForOffline } from "./offline-page.js";
import { ParticipantRoom } from "./participant-room.js";
import { ParticipantPlenary } from "./participant-plenary.js";

const live = new LivePage({ role: "participant", person: (page) => `participant:${page.participant_id}` });
const { page, t, store, outbox } = live;
const room = new ParticipantRoom(live);
const plenary = new ParticipantPlenary(live, room.room);

live.view = new NotesView({
  store,
  outbox,
  t,
  noteMax: page.note_max,
  defaultGroupId: page.group_id,
  connection: () => live.client.state,
  canEdit: (entry) => entry.own,
  authorOf: (entry) => {
    if (entry.own) return t("you");
    const note = entry.note || {};
    if (note.author_kind === "facilitator") return note.author_name ? t("by_facilitator", { name: note.author_name }) : t("facilitator");
    return note.author_name || "";
  },
});

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

function showStatus() {
  const banner = document.getElementById("closed-banner");
  banner.hidden = live.status === "live";
  banner.textContent = workshopClosedReason();
  for (const form of document.querySelectorAll("form.composer")) {
    for (const control of form.querySelectorAll("textarea, button")) control.disabled = false;
    form.querySelector("button").disabled = live.status !== "live";
  }
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

function sayIfMoved() {
  let moved = null;
  try {
    moved = sessionStorage.getItem(movedKey);
    sessionStorage.removeItem(movedKey);
  } catch {
    return;
  }
  const banner = document.getElementById("moved-banner");
  if (!moved || !banner) return;
  banner.hidden = false;
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
  status: showStatus,
  presence: (message) => showOnline(message?.online?.[String(page.group_id)]),
  note: (change, note) => {
    live.refresh();
    noteArrived(change, note);
  },
});

for (const form of document.querySelectorAll("form.composer")) {
  const questionId = Number(form.dataset.questionId);
  attachComposer(form, {
    view: live.view,
    isOpen: () => live.status === "live" && !room.closedMessage(questionId),
    closedMessage: () => (live.status === "live" ? room.closedMessage(questionId) : workshopClosedReason()),
    onAdd: (text) => store.markOwn(outbox.add({ question_id: questionId, text })),
  });
}

// Only when the browser cannot store the outbox does leaving the page lose unsent words.
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
sayIfMoved();
showStatus();
showOnline(page.online);
room.show();
live.start();
room.start();
plenary.start();
keepPageForOffline(page.service_worker);
