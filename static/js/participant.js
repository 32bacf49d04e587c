// The participant's group page: the group's notes under each question, live, and the boxes to
// add notes. Every add/edit/delete goes through the outbox first (see outbox.js).
import { Outbox } from "./outbox.js";
import { NoteStore } from "./note-store.js";
import { LiveClient, initialState } from "./live-client.js";
import { NotesView, attachComposer } from "./note-list.js";
import { Announcer, counter, readPageData, showConnectionState, translator } from "./live-ui.js";
import { keepPageForOffline } from "./offline-page.js";

const page = readPageData();
const t = translator(page.strings, page.language);
const countText = counter(page.language);
const person = `workshop:${page.workshop_id}:participant:${page.participant_id}`;

const outbox = new Outbox(`${person}:outbox`);
const start = initialState(page, `${person}:state`);
const store = new NoteStore({ notes: start.notes, seq: start.seq, ownIds: start.ownIds });
const announcer = new Announcer(document.getElementById("announcer"), t);
const badge = document.getElementById("connection-state");
let status = start.status;

const view = new NotesView({
  store,
  outbox,
  t,
  noteMax: page.note_max,
  defaultGroupId: page.group_id,
  connection: () => client.state,
  canEdit: (entry) => entry.own,
  authorOf: (entry) => {
    if (entry.own) return t("you");
    const note = entry.note || {};
    if (note.author_kind === "facilitator") return note.author_name ? t("by_facilitator", { name: note.author_name }) : t("facilitator");
    return note.author_name || "";
  },
});

const client = new LiveClient({
  workshopId: page.workshop_id,
  role: "participant",
  language: page.language,
  store,
  outbox,
  stateKey: `${person}:state`,
  status,
  handlers: {
    connection: connectionChanged,
    catchingUp: () => showConnectionState(badge, t, client),
    status: statusChanged,
    presence: (message) => showOnline(message?.online?.[String(page.group_id)]),
    note: noteChanged,
    saved: (item) => {
      view.savedHere.add(item.note_id);
      announcer.say(t({ add: "announce_saved", edit: "announce_edit_saved", delete: "announce_deleted" }[item.op]));
    },
    refused: (item, error) => announcer.say(t("announce_refused", { reason: error.message || error.code })),
  },
});

function lists() {
  return document.querySelectorAll("ul.notes[data-question-id]");
}

function renderAll() {
  for (const list of lists()) {
    const questionId = Number(list.dataset.questionId);
    view.render(list, (note) => note.question_id === questionId);
  }
  showWaiting();
}
view.onChange = renderAll;

function showWaiting() {
  const banner = document.getElementById("waiting-banner");
  const waiting = outbox.items().filter((item) => item.status === "pending").length;
  banner.hidden = waiting === 0 || client.state === "online";
  banner.textContent = countText(page.strings.waiting, waiting);
  const storageBanner = document.getElementById("storage-banner");
  storageBanner.hidden = outbox.persistent;
  storageBanner.textContent = t("storage_unavailable");
}

function showOnline(count) {
  if (count === undefined || count === null) return;
  const online = document.getElementById("online-count");
  online.textContent = countText(page.strings.online_in_group, count);
  online.hidden = false;
}

function connectionChanged(state, previous) {
  showConnectionState(badge, t, client);
  // Who else is online is known only while we are: the count comes back with the connection.
  if (state !== "online") document.getElementById("online-count").hidden = true;
  if (state === "offline") announcer.say(t("announce_offline"));
  else if (state === "reconnecting" && previous === "online") announcer.say(t("announce_reconnecting"));
  else if (state === "online" && previous !== "connecting") announcer.say(t("announce_online"));
  renderAll();
}

function statusChanged(newStatus) {
  status = newStatus;
  showStatus();
  announcer.say(t(status === "live" ? "announce_reopened" : "announce_closed"));
  // Notes refused only because the workshop was closed go out again once it reopens.
  if (status === "live") {
    for (const item of outbox.items()) {
      if (item.status === "failed" && ["workshop_closed", "workshop_not_started"].includes(item.error?.code)) {
        outbox.retry(item.op_id);
      }
    }
  }
}

function showStatus() {
  const open = status === "live";
  const banner = document.getElementById("closed-banner");
  banner.hidden = open;
  banner.textContent = t(status === "draft" ? "not_started" : "closed_for_notes");
  for (const form of document.querySelectorAll("form.composer")) {
    for (const control of form.querySelectorAll("textarea, button")) control.disabled = false;
    form.querySelector("button").disabled = !open;
  }
}

function noteChanged(change, note, catchingUp) {
  renderAll();
  if (change.kind !== "note:added" || store.isOwn(note.id)) return;
  announcer.noteArrived(note.author_name ? t("new_note_from", { name: note.author_name }) : t("new_note_in_group"));
}

for (const form of document.querySelectorAll("form.composer")) {
  const questionId = Number(form.dataset.questionId);
  attachComposer(form, {
    view,
    isOpen: () => status === "live",
    closedMessage: () => t(status === "draft" ? "not_started" : "closed_for_notes"),
    onAdd: (text) => store.markOwn(outbox.add({ question_id: questionId, text })),
  });
}

outbox.onChange(renderAll);
// Only when the browser cannot store the outbox does leaving the page lose unsent words.
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
showStatus();
showOnline(page.online);
renderAll();
client.start();
keepPageForOffline(page.service_worker);
