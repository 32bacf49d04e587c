// The facilitator's live dashboard: a matrix of groups × questions with live note counts; open a
// cell to follow one group's notes on one question, or a question to see every group's notes on
// it; who is online per group; add notes for a group, edit or delete any note; open/close (with a
// confirmation); and run the room (dashboard-room.js).
import { LivePage } from "./live-page.js";
import { NotesView, attachComposer } from "./note-list.js";
import { element } from "./live-ui.js";
import { Matrix, OpenedCells } from "./dashboard-matrix.js";
import { watchSidewaysScroll } from "./scroll-hint.js";
import { DashboardRoom } from "./dashboard-room.js";
import { DashboardPlenary } from "./dashboard-plenary.js";
import { Drafts } from "./drafts.js";
import { followJoinCode } from "./join-code.js";

const live = new LivePage({ role: "facilitator", person: (page) => `facilitator:${page.facilitator_id}` });
const { page, t, store, outbox, counted } = live;
const groupName = new Map(page.groups.map((id, index) => [id, page.group_names[index]]));
const questionOf = new Map(page.questions.map((question) => [question.id, question]));
const questionLabel = (question) => question.full_label;
let selection = null; // {groupId, questionId} for a cell, {questionId} for a question
// What the facilitator types for a group, or as an edit, kept as typed: a reload puts it back.
const drafts = new Drafts(`workshop:${page.workshop_id}:facilitator:${page.facilitator_id}:drafts`);
let namesTimer = null;

live.view = new NotesView({
  store,
  outbox,
  t,
  noteMax: page.note_max,
  connection: () => live.client.state,
  canEdit: () => true,
  drafts,
  announce: (text) => live.announcer.say(text),
  authorOf: (entry) => {
    const note = entry.note || {};
    if (note.author_kind === "facilitator") {
      return entry.own ? t("you") : t("by_facilitator", { name: note.author_name || "" });
    }
    if (!entry.note) return entry.own ? t("you") : "";
    return note.author_name || t("anonymous");
  },
});
const view = live.view;
const matrixTable = document.getElementById("matrix");
const opened = new OpenedCells(`workshop:${page.workshop_id}:facilitator:${page.facilitator_id}:opened`);
const matrix = matrixTable && new Matrix({
  table: matrixTable, store, opened, counted, t, strings: page.strings, groupName, questionOf, questionLabel,
});

// --- the matrix

if (matrixTable) watchSidewaysScroll(matrixTable.parentElement, document.getElementById("matrix-scroll-hint"));

function showPresence(message) {
  if (!message?.online) return;
  for (const [groupId, count] of Object.entries(message.online)) {
    const cell = document.querySelector(`#matrix td.online-cell[data-group-id="${groupId}"] .online-count`);
    if (cell) cell.textContent = count ? counted(page.strings.online_count, count) : t("nobody_online");
  }
  // Counts come with the event; names are asked for, once things settle.
  window.clearTimeout(namesTimer);
  namesTimer = window.setTimeout(fetchNames, 400);
}

function forgetPresence() {
  window.clearTimeout(namesTimer); // names asked for while online must not come back now
  for (const cell of document.querySelectorAll("#matrix td.online-cell .online-count, #matrix td.online-cell .online-names")) {
    cell.textContent = "";
  }
}

function showNames(names) {
  for (const [groupId, list] of Object.entries(names || {})) {
    const cell = document.querySelector(`#matrix td.online-cell[data-group-id="${groupId}"] .online-names`);
    if (cell) cell.textContent = list.filter(Boolean).join(", ");
  }
}

async function fetchNames() {
  try {
    const response = await fetch(page.presence_url, { headers: { Accept: "application/json" } });
    const body = response.ok ? await response.json() : null;
    // An answer that arrives after the connection was lost would claim someone is online.
    if (body && live.client.state === "online") showNames(body.names);
  } catch {
    // Offline: the counts are still right; names follow with the next change.
  }
}

const room = new DashboardRoom(live, { questionOf, questionLabel, groupName });
const plenary = new DashboardPlenary(live, room.room);
room.onQuiet = (groupIds) => matrix?.showQuiet(groupIds);

// --- the detail panel: one cell, or one question across groups

function select(next, focus = true) {
  selection = next;
  for (const button of document.querySelectorAll("#matrix button[data-question-id]")) {
    const isCell = button.dataset.groupId !== undefined;
    const pressed = Boolean(next) && Number(button.dataset.questionId) === next.questionId &&
      (isCell ? Number(button.dataset.groupId) === next.groupId : next.groupId === undefined);
    button.setAttribute("aria-pressed", String(pressed));
  }
  history.replaceState(null, "", next ? `#${next.groupId ? `cell-${next.groupId}-` : "question-"}${next.questionId}` : "#");
  buildDetail();
  live.refresh();
  if (focus) document.getElementById("detail-heading").focus();
}

// The cells on screen in the detail panel count as opened, now and as their notes arrive.
function markSelectionOpened() {
  if (!selection) return;
  const groupIds = selection.groupId ? [selection.groupId] : page.groups;
  opened.open(groupIds.map((groupId) => [groupId, selection.questionId]), store.seq);
}

function buildDetail() {
  const detail = document.getElementById("detail");
  detail.hidden = !selection;
  if (!selection) return;
  const question = questionOf.get(selection.questionId);
  const label = questionLabel(question);
  document.getElementById("detail-heading").textContent = selection.groupId
    ? t("cell_heading", { group: groupName.get(selection.groupId), question: label })
    : t("question_heading", { question: label });
  document.getElementById("detail-question").textContent = question.text;
  const groupIds = selection.groupId ? [selection.groupId] : page.groups.filter(
    (groupId) => (page.question_ids_by_group[String(groupId)] || []).includes(question.id));
  const body = document.getElementById("detail-body");
  body.replaceChildren(...groupIds.map((groupId) => groupPart(groupId, question, !selection.groupId)));
  renderDetail();
}

function groupPart(groupId, question, withHeading) {
  const name = groupName.get(groupId);
  const fieldId = `add-${groupId}-${question.id}`;
  const form = element("form", { class: "composer", novalidate: true },
    element("label", { for: fieldId, text: t("add_for_group", { group: name }) }),
    element("textarea", { id: fieldId, rows: 2, "aria-describedby": `${fieldId}-error` }),
    element("p", { class: "field-error", id: `${fieldId}-error`, hidden: true }),
    element("button", { type: "submit", text: t("add") }));
  attachComposer(form, {
    view,
    isOpen: () => live.status === "live",
    onAdd: (text) => store.markOwn(outbox.add({ question_id: question.id, group_id: groupId, text })),
    draft: drafts.slot(`group:${groupId}:question:${question.id}`, { question_id: question.id, group_id: groupId }),
  });
  return element("div", { class: withHeading ? "detail-group" : "" },
    withHeading ? element("h3", { text: name }) : null,
    element("ul", { class: "notes", "data-group-id": groupId, "data-question-id": question.id,
      "aria-label": t("cell_heading", { group: name, question: questionLabel(question) }) }),
    form);
}

function renderDetail() {
  for (const list of document.querySelectorAll("#detail-body ul.notes")) {
    const groupId = Number(list.dataset.groupId);
    const questionId = Number(list.dataset.questionId);
    view.render(list, (note) => note.group_id === groupId && note.question_id === questionId, t("no_notes"));
  }
}

// --- status: open / close the workshop for new notes

function showStatus(status) {
  live.status = status;
  const next = { live: "closed", closed: "live", draft: "live" }[status];
  document.getElementById("status-text").textContent = t(`status_${status}`);
  const form = document.getElementById("status-form");
  form.querySelector('input[name="status"]').value = next;
  document.getElementById("status-button").textContent =
    t({ live: "close_workshop", closed: "reopen_workshop", draft: "open_workshop" }[status]);
}

async function changeStatus(event) {
  // Without a connection the form posts as a plain page form (and lands on the workshop's page).
  const wanted = event.target.querySelector('input[name="status"]').value;
  // Closing stops every group mid-sentence: ask first (also without a connection).
  if (wanted === "closed" && !window.confirm(t("confirm_close"))) {
    event.preventDefault();
    return;
  }
  if (!live.client.socket?.connected) return;
  event.preventDefault();
  const error = document.getElementById("status-error");
  let ack;
  try {
    ack = await live.client.setStatus(wanted);
  } catch {
    ack = { ok: false, error: { message: t("connection_reconnecting") } };
  }
  error.hidden = ack.ok;
  if (ack.ok) showStatus(ack.status);
  else error.textContent = t("status_failed", { reason: ack.error?.message || ack.error?.code });
}

// --- putting it together

function selectionFromHash() {
  const match = /^#(?:cell-(\d+)-|question-)(\d+)$/.exec(location.hash);
  if (!match) return null;
  const next = { questionId: Number(match[2]) };
  if (match[1]) next.groupId = Number(match[1]);
  return questionOf.has(next.questionId) && (!next.groupId || groupName.has(next.groupId)) ? next : null;
}

if (document.getElementById("matrix")) {
  document.getElementById("matrix").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-question-id]");
    if (!button) return;
    const next = { questionId: Number(button.dataset.questionId) };
    if (button.dataset.groupId) next.groupId = Number(button.dataset.groupId);
    select(next);
  });
  const initial = selectionFromHash();
  if (initial) select(initial, false);
}
Object.assign(live.on, {
  refresh: (highlight) => {
    markSelectionOpened();
    matrix?.show(highlight);
    room.showQuiet();
    renderDetail();
  },
  status: showStatus,
  // Who is online is known only while we are: the counts come back with the connection.
  connection: (state) => {
    if (state !== "online") forgetPresence();
  },
  presence: showPresence,
  note: (change, note) => {
    live.refresh(true);
    if (change.kind === "note:added" && !store.isOwn(note.id)) {
      live.announcer.noteArrived(t("new_note_from_group", { group: groupName.get(note.group_id) ?? "" }));
    }
  },
});
document.getElementById("status-form").addEventListener("submit", changeStatus);
// Another facilitator (or the API) gave the workshop a new join code: show it, and say so.
followJoinCode(live, (code, catchingUp) => {
  document.getElementById("join-code").textContent = code;
  if (!catchingUp) live.say("announce_join_code", { code });
});
showStatus(live.status);
showPresence({ online: page.online });
showNames(page.online_names);
room.show();
live.start();
room.start();
plenary.start();
