// The minutes page: every field is saved as the secretary types (field-saver.js), each shows
// whether its words are saved, waiting or refused, and an edit refused because another secretary
// changed the field first shows both versions and lets the secretary choose.
import { Outbox, newId } from "./outbox.js";
import { FieldSaver, knownFields } from "./field-saver.js";
import { Announcer, counter, element, readPageData, translator } from "./live-ui.js";
import { keepPageForOffline } from "./offline-page.js";

const TYPING_PAUSE_MS = 600;

const page = readPageData("minutes-data");
const t = translator(page.strings, page.language);
const countText = counter(page.language);
const person = `minutes:${page.meeting_id}:facilitator:${page.facilitator_id}`;
const announcer = new Announcer(document.getElementById("announcer"), t);
const badge = document.getElementById("connection-state");

const outbox = new Outbox(`${person}:outbox`);
const saver = new FieldSaver({
  outbox,
  fields: knownFields(page.fields, `${person}:fields`),
  stateKey: `${person}:fields`,
  transport: sendEdit,
  handlers: { connection: connectionChanged, refused: editRefused },
});

// One operation to the page's own route (the login session's cookie and CSRF token, like its
// forms); the payloads and answers are the API's (docs/api.md, "Minutes").
async function postOp(payload) {
  const response = await fetch(page.ops_url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": page.csrf_token },
    body: JSON.stringify(payload),
  });
  if (!(response.headers.get("Content-Type") || "").includes("application/json")) {
    // Not the app's answer: a proxy's or server's error page, or (401) the login has ended.
    // The former is tried again later; the latter waits for the person to log in.
    if (response.status === 401) return { ok: false, error: { code: "unauthorised", message: t("log_in_again") } };
    return { ok: false, error: { code: "server_error", message: "" } };
  }
  const answer = await response.json();
  return response.ok ? answer : { ok: false, error: answer.error ?? { code: "server_error" } };
}

// A field's page key ("header:place", "item:31:decision") and the API's item_id and field.
// The first change to approved minutes starts the draft of the next version: say so, and offer
// to approve it.
function draftStarted(answer) {
  if (page.status !== "approved" || answer.status !== "draft") return;
  page.status = "draft";
  document.getElementById("minutes-state").textContent = t("draft_of_version", { number: answer.version });
  document.getElementById("approved-note")?.remove();
  document.getElementById("approve-draft").hidden = false;
  announcer.say(t("announce_new_draft", { number: answer.version }));
}

function keyOf(itemId, field) {
  return itemId == null ? `header:${field}` : `item:${itemId}:${field}`;
}

function targetOf(key) {
  const parts = key.split(":");
  return parts[0] === "header" ? { item_id: null, field: parts[1] } : { item_id: Number(parts[1]), field: parts[2] };
}

// Values travel as the API types them (a date or time left empty: null, the meeting's own; the
// coming meetings: a list) and are kept here as the text their control shows.
function apiValue(key, field, text) {
  // A header field cleared takes the meeting's value again (null), as the hint says.
  if (text === "" && key in page.defaults) return null;
  if (field === "coming_meetings") return JSON.parse(text || "[]");
  if (field === "coming_meetings_here") return text === "true";
  return text;
}

function shownValue(value) {
  if (value == null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fieldFrom(answer) {
  const key = keyOf(answer.item_id, answer.field);
  // null: the field takes the meeting's value again, which it then shows.
  const value = answer.value == null ? page.defaults[key] : answer.value;
  return { key, value: shownValue(value), revision: answer.revision };
}

async function sendEdit({ op_id, field: key, base_revision, value }) {
  const target = targetOf(key);
  const answer = await postOp({ op_id, op: "set", ...target, base_revision, value: apiValue(key, target.field, value) });
  if (answer.ok) {
    draftStarted(answer);
    return { ok: true, field: fieldFrom(answer) };
  }
  const details = answer.error.details;
  if (answer.error.code === "stale_edit" && details) answer.error.details = { ...details, field: fieldFrom(details) };
  return answer;
}

function controls() {
  return document.querySelectorAll("[data-field]");
}

function wrapperOf(control) {
  return control.closest(".minutes-field");
}

// Set when changes wait while offline or after a reload: their saving is then announced.
let waitedOffline = outbox.size > 0;

function connectionChanged(state, previous) {
  showConnection();
  if (state === "offline") waitedOffline = true;
  if (state === "offline") announcer.say(t("announce_offline"));
  else if (previous === "offline") announcer.say(t("announce_online"));
}

function showConnection() {
  badge.dataset.state = saver.state;
  badge.textContent = t(`connection_${saver.state}`);
}

function editRefused(item, error) {
  const label = labelOf(item.note_id);
  if (error.code === "stale_edit") announcer.say(t("announce_stale", { field: label }));
  else announcer.say(t("announce_refused", { field: label, reason: error.message || error.code }));
}

function labelOf(key) {
  const control = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  return control?.dataset.label || control?.labels?.[0]?.textContent.trim() || key;
}

// --- drawing each field's state

function renderAll() {
  for (const control of controls()) renderField(control);
  renderComing();
  showSummary();
}

function renderField(control) {
  const key = control.dataset.field;
  const wrapper = wrapperOf(control);
  const state = saver.stateOf(key);
  wrapper.dataset.state = state;
  const problem = saver.problemOf(key);
  const stateText = wrapper.querySelector(".field-state");
  if (state === "untouched") stateText.textContent = "";
  else if (state === "failed") stateText.textContent = t("not_saved", { reason: problem?.error?.message || problem?.error?.code || "" });
  else stateText.textContent = t(`state_${state}`);
  control.setAttribute("aria-invalid", state === "failed" || state === "stale" ? "true" : "false");
  // Never overwrite what the person is typing; elsewhere show the newest text.
  if (document.activeElement !== control && shownIn(control) !== saver.valueOf(key)) {
    show(control, saver.valueOf(key));
  }
  renderProblem(wrapper, key, state, problem);
}

function renderProblem(wrapper, key, state, problem) {
  const box = wrapper.querySelector(".field-problem");
  if (state !== "stale" && state !== "failed") {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  if (box.dataset.opId === problem.op_id && !box.hidden) return; // already shown; keep focus
  box.dataset.opId = problem.op_id;
  box.hidden = false;
  box.replaceChildren(...(state === "stale" ? staleChoice(key, problem) : failedChoice(key, problem)));
}

function staleChoice(key, problem) {
  const theirs = problem.error?.details?.field;
  return [
    element("p", { class: "problem-title", text: t("stale_explained") }),
    element("div", { class: "versions-side-by-side" },
      version(t("your_version"), problem.text),
      version(t("their_version"), theirs ? theirs.value : "")),
    element("div", { class: "problem-actions" },
      element("button", { type: "button", text: t("keep_mine"), onclick: () => choose(key, "mine") }),
      element("button", { type: "button", class: "secondary", text: t("take_theirs"), onclick: () => choose(key, "theirs") })),
  ];
}

function version(title, text) {
  return element("figure", { class: "field-version" },
    element("figcaption", { text: title }),
    element("pre", { text: text || t("empty_field") }));
}

function failedChoice(key, problem) {
  return [
    element("div", { class: "problem-actions" },
      element("button", { type: "button", text: t("send_again"), onclick: () => outbox.retry(problem.op_id) }),
      element("button", { type: "button", class: "secondary", text: t("undo_change"), onclick: () => choose(key, "theirs") })),
  ];
}

function choose(key, which) {
  if (which === "mine") saver.keepMine(key);
  else saver.takeCurrent(key);
  const control = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  show(control, saver.valueOf(key));
  control.focus();
  announcer.say(t(which === "mine" ? "announce_kept_mine" : "announce_took_theirs"));
}

function showSummary() {
  const waiting = outbox.items().filter((item) => item.status === "pending").length;
  const refused = outbox.items().filter((item) => item.status === "failed").length;
  const summary = document.getElementById("save-summary");
  summary.dataset.state = refused ? "failed" : waiting ? "waiting" : "saved";
  if (refused) summary.textContent = countText(page.strings.refused_count, refused);
  else if (waiting) summary.textContent = countText(page.strings.waiting_count, waiting);
  else summary.textContent = t("all_saved");
  // Words kept while offline are safe now: say it once, not after every pause in typing.
  if (waitedOffline && !waiting && !refused && saver.state === "online") {
    waitedOffline = false;
    announcer.say(t("all_saved"));
  }
  const storageBanner = document.getElementById("storage-banner");
  storageBanner.hidden = outbox.persistent;
}

// --- typing

// A control's value as the text the saver keeps (a checkbox: "true" or "false").
function shownIn(control) {
  return control.type === "checkbox" ? String(control.checked) : control.value;
}

function show(control, text) {
  if (control.type === "checkbox") control.checked = text === "true";
  else control.value = text;
}

function watch(control) {
  let timer = null;
  let lastSaved = shownIn(control); // leaving a field as it was typed sends nothing more
  const save = () => {
    window.clearTimeout(timer);
    timer = null;
    if (shownIn(control) === lastSaved) return;
    lastSaved = shownIn(control);
    saver.edit(control.dataset.field, lastSaved);
  };
  if (control.type === "checkbox") {
    control.addEventListener("change", save);
    return;
  }
  control.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, TYPING_PAUSE_MS);
  });
  control.addEventListener("blur", save);
  // Leaving the page mid-word: what was typed goes into the outbox before the page goes.
  window.addEventListener("pagehide", () => timer && save());
}

// --- the coming meetings: a list of rows, saved as one field

const COMING_KEY = "header:coming_meetings";
const comingList = document.getElementById("coming-list");
let comingTimer = null;

function comingRows() {
  try {
    const rows = JSON.parse(saver.valueOf(COMING_KEY) || "[]");
    return Array.isArray(rows) ? rows : [];
  } catch {
    return [];
  }
}

function renderComing() {
  if (comingList.contains(document.activeElement)) return; // never under the person's cursor
  comingList.replaceChildren(...comingRows().map((row, index) => comingRow(row, index)));
  document.getElementById("add-coming").disabled = comingRows().length >= Number(comingList.dataset.max);
}

function comingRow(row, index) {
  const number = index + 1;
  const input = (name, type, label, extra = {}) => {
    const id = `coming-${index}-${name}`;
    return element("div", { class: "field" },
      element("label", { for: id, text: label }),
      element("input", { id, type, value: row[name] ?? "", "data-coming": name, oninput: comingEdited, ...extra }));
  };
  return element("li", { class: "coming-row" },
    input("date", "date", t("coming_date", { number })),
    input("start", "time", t("coming_start", { number })),
    input("end", "time", t("coming_end", { number })),
    input("note", "text", t("coming_note", { number }), { maxlength: page.coming_note_max }),
    element("button", { type: "button", class: "secondary", text: t("remove_coming", { number }), onclick: () => removeComing(index) }));
}

// Rows as the API takes them, keys in the order the server writes them (so texts compare).
function rowsInForm() {
  return [...comingList.querySelectorAll("li.coming-row")].map((row) => {
    const value = (name) => row.querySelector(`[data-coming="${name}"]`).value;
    return { date: value("date"), start: value("start"), end: value("end"), note: value("note") };
  });
}

function comingEdited() {
  window.clearTimeout(comingTimer);
  comingTimer = window.setTimeout(saveComing, TYPING_PAUSE_MS);
}

function saveComing(rows = rowsInForm()) {
  window.clearTimeout(comingTimer);
  // A row still without its date is not yet a meeting: it waits in the form.
  saver.edit(COMING_KEY, JSON.stringify(rows.filter((row) => row.date)));
}

function removeComing(index) {
  const rows = rowsInForm();
  rows.splice(index, 1);
  saveComing(rows);
  document.getElementById("add-coming").focus();
  renderComing();
  announcer.say(t("announce_coming_removed"));
}

document.getElementById("add-coming").addEventListener("click", () => {
  const rows = [...rowsInForm(), { date: "", start: "", end: "", note: "" }];
  comingList.replaceChildren(...rows.map((row, index) => comingRow(row, index)));
  comingList.querySelector("li.coming-row:last-child input").focus();
});
comingList.addEventListener("focusout", (event) => {
  if (!comingList.contains(event.relatedTarget)) saveComing();
});

// --- changes to the structure (add, move, leave out, attach): they need the connection, so they
// are sent at once; the page then reloads and puts the focus back where the person was.

const FOCUS_KEY = `${person}:focus`;

async function structural(payload, focusSelector) {
  let answer;
  if (navigator.onLine === false) {
    showOpError(t("needs_connection"));
    return;
  }
  try {
    answer = await postOp({ op_id: newId(), ...payload });
  } catch {
    showOpError(t("needs_connection"));
    return;
  }
  if (!answer.ok) {
    showOpError(answer.error.message || answer.error.code);
    return;
  }
  sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ selector: focusSelector, message: t(`done_${payload.op}`) }));
  window.location.reload();
}

function showOpError(message) {
  const banner = document.getElementById("op-error");
  banner.textContent = message;
  banner.hidden = false;
  announcer.say(message);
}

function movableIds() {
  return [...document.querySelectorAll('[data-op="move_item"][data-direction="-1"]')].map((button) => Number(button.dataset.itemId));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-op]");
  if (!button) return;
  const { op } = button.dataset;
  const itemId = Number(button.dataset.itemId);
  if (op === "move_item") {
    const ids = movableIds();
    const position = ids.indexOf(itemId) + Number(button.dataset.direction);
    if (position < 0 || position >= ids.length) {
      announcer.say(t(position < 0 ? "already_first" : "already_last"));
      return;
    }
    structural({ op, item_id: itemId, position }, `[data-op="move_item"][data-item-id="${itemId}"][data-direction="${button.dataset.direction}"]`);
  } else if (op === "leave_out") {
    structural({ op, item_id: itemId, left_out: button.dataset.leftOut === "true" }, `[data-op="leave_out"][data-item-id="${itemId}"]`);
  } else if (op === "remove_annex") {
    structural({ op, annex_id: Number(button.dataset.annexId) }, "#new-annex-title");
  }
});

for (const form of document.querySelectorAll("form[data-op]")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const title = form.elements.title.value.trim();
    if (!title) {
      showOpError(t("title_needed"));
      form.elements.title.focus();
      return;
    }
    const payload = { op: form.dataset.op, title };
    if (form.elements.item_id?.value) payload.item_id = Number(form.elements.item_id.value);
    structural(payload, `#${form.elements.title.id}`);
  });
}

// Approving while words still wait in the outbox would approve a version without them.
document.querySelector("form.approve-form")?.addEventListener("submit", (event) => {
  if (!outbox.size) return;
  event.preventDefault();
  showOpError(t("save_before_approving"));
});

// --- what other secretaries saved: taken in every little while, into the fields this page is
// not changing (a field being typed in or waiting to be sent keeps its words; should the other
// text be newer, saving them is refused as stale and both versions are shown).

// Typed in right now, or waiting to be sent: its edit must still be checked against the
// revision the person saw, so the newer text is not taken in behind their back.
function beingChanged(key) {
  const control = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  const typing = control === document.activeElement || (key === COMING_KEY && comingList.contains(document.activeElement));
  return typing || outbox.forNote(key).length > 0;
}

async function takeInOthersChanges() {
  if (saver.state !== "online" || document.visibilityState === "hidden") return;
  let answer;
  try {
    const response = await fetch(page.fields_url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    answer = await response.json();
  } catch {
    return; // the next edit or the next round finds out whether we are offline
  }
  const changed = Object.entries(answer.fields).filter(([key, field]) =>
    saver.fields.has(key) && !beingChanged(key) &&
    Number(field.revision) > Number(saver.fields.get(key).revision));
  for (const [key, field] of changed) saver.remember({ key, value: field.value, revision: field.revision });
  if (!changed.length) return;
  renderAll();
  announcer.say(countText(page.strings.others_changed, changed.length));
}

window.setInterval(takeInOthersChanges, page.refresh_ms);
document.addEventListener("visibilitychange", takeInOthersChanges);

function restoreFocus() {
  const saved = sessionStorage.getItem(FOCUS_KEY);
  if (!saved) return;
  sessionStorage.removeItem(FOCUS_KEY);
  const { selector, message } = JSON.parse(saved);
  document.querySelector(selector)?.focus();
  if (message) announcer.say(message);
}

for (const control of controls()) if (control.type !== "hidden") watch(control);
outbox.onChange(renderAll);
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
showConnection();
renderAll();
saver.start();
restoreFocus();
keepPageForOffline(page.service_worker);
