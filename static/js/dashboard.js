// The facilitator's live dashboard: a matrix of groups × questions with live note counts; open a
// cell to follow one group's notes on one question, or a question to see every group's notes on
// it; who is online per group; add notes for a group, edit or delete any note; open/close (with a
// confirmation); and run the room (dashboard-room.js). An outline changed while the page is open
// is read again and drawn in place (outline-reader.js): what the facilitator types stays.
import { LivePage } from "./live-page.js";
import { NotesView, attachComposer } from "./note-list.js";
import { element } from "./live-ui.js";
import { Matrix, OpenedCells } from "./dashboard-matrix.js";
import { watchSidewaysScroll } from "./scroll-hint.js";
import { DashboardRoom } from "./dashboard-room.js";
import { DashboardPlenary } from "./dashboard-plenary.js";
import { Drafts } from "./drafts.js";
import { followShownJoinCode } from "./join-code.js";
import { OutlineReader, refillById, replaceKeepingFocus, replaceOptions } from "./outline-reader.js";

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
const opened = new OpenedCells(`workshop:${page.workshop_id}:facilitator:${page.facilitator_id}:opened`);
let matrix = null;
let shownOnline = null; // the counts and names shown, to show again in a matrix drawn anew
let shownNames = null;

// --- the matrix

// The matrix on the page now (none without groups or questions), drawn at load and again when
// the outline changes.
function takeMatrix() {
  const table = document.getElementById("matrix");
  matrix = table && new Matrix({
    table, store, opened, counted, t, strings: page.strings, groupName, questionOf, questionLabel,
  });
  if (table) watchSidewaysScroll(table.parentElement, document.getElementById("matrix-scroll-hint"));
}

function showPresence(message) {
  if (!message?.online) return;
  shownOnline = message.online;
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
  shownOnline = shownNames = null;
  for (const cell of document.querySelectorAll("#matrix td.online-cell .online-count, #matrix td.online-cell .online-names")) {
    cell.textContent = "";
  }
}

function showNames(names) {
  shownNames = names;
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
const outlineReader = new OutlineReader({ url: page.outline_url, redraw: redrawOutline });
const plenary = new DashboardPlenary(live, room.room);
room.onQuiet = (groupIds) => matrix?.showQuiet(groupIds);

// --- the detail panel: one cell, or one question across groups

function select(next, focus = true) {
  selection = next;
  showSelected();
  history.replaceState(null, "", next ? `#${next.groupId ? `cell-${next.groupId}-` : "question-"}${next.questionId}` : "#");
  buildDetail();
  live.refresh();
  if (focus) document.getElementById("detail-heading").focus();
}

// The matrix's button for what the detail panel shows is pressed.
function showSelected() {
  for (const button of document.querySelectorAll("#matrix button[data-question-id]")) {
    const isCell = button.dataset.groupId !== undefined;
    const pressed = Boolean(selection) && Number(button.dataset.questionId) === selection.questionId &&
      (isCell ? Number(button.dataset.groupId) === selection.groupId : selection.groupId === undefined);
    button.setAttribute("aria-pressed", String(pressed));
  }
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
  showDetailHeading(question);
  const body = document.getElementById("detail-body");
  body.replaceChildren(...detailGroupIds().map((groupId) => groupPart(groupId, question, !selection.groupId)));
  renderDetail();
}

function showDetailHeading(question) {
  const label = questionLabel(question);
  document.getElementById("detail-heading").textContent = selection.groupId
    ? t("cell_heading", { group: groupName.get(selection.groupId), question: label })
    : t("question_heading", { question: label });
  document.getElementById("detail-question").textContent = question.text;
}

// The groups the detail panel shows: the cell's, or every group working on the question.
function detailGroupIds() {
  if (selection.groupId) return [selection.groupId];
  return page.groups.filter((groupId) => (page.question_ids_by_group[String(groupId)] || []).includes(selection.questionId));
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
  live.view.roomChanged();
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

// --- the outline, changed while the page is open (by this facilitator elsewhere, another, the API)

// Everything drawn from the outline is drawn again in place; what is typed, opened and focused
// stays (the fields lie outside what is redrawn), and a question that is gone simply disappears.
function redrawOutline(body, sent, received) {
  page.questions = body.questions;
  page.question_ids_by_group = body.question_ids_by_group;
  refillById(questionOf, body.questions);
  redrawMatrix(body.html.matrix);
  redrawQuestionsPanel(body.html.questions_panel);
  redrawDetail();
  plenary.outlineChanged(body.plenary, body.html.target_options);
  room.room.load({ ok: true, ...body.room }, sent, received);
  room.show();
  live.refresh();
  live.sayNews("announce_outline_changed", {}, "outline");
}

function redrawMatrix(html) {
  const region = document.getElementById("matrix-region");
  // A cell's question gone: the focus stays in its row, else in the matrix.
  const row = document.activeElement?.closest?.("#matrix tr[data-group-id]")?.dataset.groupId;
  replaceKeepingFocus(region, html, [
    () => row && document.querySelector(`#matrix tr[data-group-id="${row}"] td.cell button`),
    () => document.querySelector("#matrix button"),
  ]);
  takeMatrix();
  showSelected();
  if (shownOnline) showPresence({ online: shownOnline });
  if (shownNames) showNames(shownNames);
}

function redrawQuestionsPanel(html) {
  const panel = document.getElementById("questions-panel");
  replaceKeepingFocus(panel.querySelector(".panel-outline"), html, [() => panel.querySelector("summary")]);
  panel.hidden = !html.trim();
}

// The detail panel follows its question's new number and words; a question gone closes it.
function redrawDetail() {
  if (!selection) return;
  const detail = document.getElementById("detail");
  const had = document.activeElement;
  if (!questionOf.has(selection.questionId)) {
    select(null, false);
    if (detail.contains(had)) document.querySelector("#matrix button, #questions-panel summary")?.focus();
    return;
  }
  const shown = [...detail.querySelectorAll("#detail-body ul.notes")].map((list) => Number(list.dataset.groupId));
  if (String(shown) === String(detailGroupIds())) showDetailHeading(questionOf.get(selection.questionId));
  else rebuildDetailKeepingFocus(had);
}

// Other groups work on the question now: its parts are drawn anew, the typed words come back
// from the drafts, and the field that had the focus (found by its id) gets it back.
function rebuildDetailKeepingFocus(had) {
  const inDetail = document.getElementById("detail-body").contains(had);
  const caret = typeof had?.selectionStart === "number" ? [had.selectionStart, had.selectionEnd] : null;
  buildDetail();
  if (!inDetail) return;
  const again = had.id ? document.getElementById(had.id) : null;
  if (!again) return document.getElementById("detail-heading").focus();
  again.focus({ preventScroll: true });
  if (caret && again.setSelectionRange) again.setSelectionRange(...caret);
}

// --- putting it together

function selectionFromHash() {
  const match = /^#(?:cell-(\d+)-|question-)(\d+)$/.exec(location.hash);
  if (!match) return null;
  const next = { questionId: Number(match[2]) };
  if (match[1]) next.groupId = Number(match[1]);
  return questionOf.has(next.questionId) && (!next.groupId || groupName.has(next.groupId)) ? next : null;
}

// The matrix may be drawn anew: its clicks are heard around it.
document.getElementById("matrix-region").addEventListener("click", (event) => {
  const button = event.target.closest("#matrix button[data-question-id]");
  if (!button) return;
  const next = { questionId: Number(button.dataset.questionId) };
  if (button.dataset.groupId) next.groupId = Number(button.dataset.groupId);
  select(next);
});
takeMatrix();
const initial = selectionFromHash();
if (initial) select(initial, false);
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
  outline: () => outlineReader.changed(),
  note: (change, note) => {
    live.refresh(true);
    if (change.kind === "note:added" && !store.isOwn(note.id)) {
      live.announcer.noteArrived(t("new_note_from_group", { group: groupName.get(note.group_id) ?? "" }));
    }
  },
});
document.getElementById("status-form").addEventListener("submit", changeStatus);
// Another facilitator (or the API) gave the workshop a new join code: show it, and say so.
followShownJoinCode(live);
showStatus(live.status);
showPresence({ online: page.online });
showNames(page.online_names);
room.show();
live.start();
room.start();
plenary.start();
