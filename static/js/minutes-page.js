// The minutes page: every field is saved as the secretary types (field-saver.js), each shows
// whether its words are saved, waiting or refused, and an edit refused because another secretary
// changed the field first shows both versions and lets the secretary choose.
import { Outbox } from "./outbox.js";
import { FieldSaver, knownFields } from "./field-saver.js";
import { COMING_KEY, ComingMeetings } from "./minutes-coming.js";
import { StructureActions } from "./minutes-structure.js";
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
  handlers: { connection: connectionChanged, refused: editRefused, saved: (item, field) => showTitle(field) },
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

// A field's page key ("header:place", "item:31:decision") and the API's item_id and field.
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

// An item's heading follows its title once the title is saved (here or by someone else).
function showTitle(field) {
  const [kind, itemId, name] = field.key.split(":");
  if (kind !== "item" || name !== "title") return;
  const heading = document.querySelector(`#item-${CSS.escape(itemId)}-heading .item-title`);
  if (heading) heading.textContent = field.value;
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
  coming.render();
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
  if (box.dataset.opId === problem.op_id && !box.hidden) {
    // Already shown (redrawing would take the focus): "Your version" follows what is typed.
    const mine = box.querySelector(".field-version.mine pre");
    if (mine) mine.textContent = problem.text || t("empty_field");
    return;
  }
  box.dataset.opId = problem.op_id;
  box.hidden = false;
  box.replaceChildren(...(state === "stale" ? staleChoice(key, problem) : failedChoice(key, problem)));
}

function staleChoice(key, problem) {
  const theirs = problem.error?.details?.field;
  return [
    element("p", { class: "problem-title", text: t("stale_explained") }),
    element("div", { class: "versions-side-by-side" },
      version(t("your_version"), problem.text, "mine"),
      version(t("their_version"), theirs ? theirs.value : "")),
    element("div", { class: "problem-actions" },
      element("button", { type: "button", text: t("keep_mine"), onclick: () => choose(key, "mine") }),
      element("button", { type: "button", class: "secondary", text: t("take_theirs"), onclick: () => choose(key, "theirs") })),
  ];
}

function version(title, text, whose = "theirs") {
  return element("figure", { class: `field-version ${whose}` },
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
  control.addEventListener("blur", () => {
    save();
    // While it was typed in, this page may have learnt a newer text of the field (another tab of
    // this browser sends the same outbox, and keeps what it saved): show it now, not the old.
    if (saver.valueOf(control.dataset.field) === shownIn(control)) return;
    renderField(control);
    lastSaved = shownIn(control);
    announcer.say(countText(page.strings.others_changed, 1));
  });
  // Leaving the page mid-word: what was typed goes into the outbox before the page goes.
  window.addEventListener("pagehide", () => timer && save());
}

const coming = new ComingMeetings({
  list: document.getElementById("coming-list"),
  addButton: document.getElementById("add-coming"),
  saver,
  t,
  announcer,
  noteMax: page.coming_note_max,
});
const structure = new StructureActions({
  postOp,
  t,
  announcer,
  focusKey: `${person}:focus`,
  errorBanner: document.getElementById("op-error"),
});
structure.attach();

// Approving while words still wait in the outbox would approve a version without them.
document.querySelector("form.approve-form")?.addEventListener("submit", (event) => {
  if (!outbox.size) return;
  event.preventDefault();
  structure.showError(t("save_before_approving"));
});

// --- what other secretaries saved: taken in every little while, into the fields this page is
// not changing (a field being typed in or waiting to be sent keeps its words; should the other
// text be newer, saving them is refused as stale and both versions are shown).

// Typed in right now, or waiting to be sent: its edit must still be checked against the
// revision the person saw, so the newer text is not taken in behind their back.
function beingChanged(key) {
  const control = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  const typing = control === document.activeElement || (key === COMING_KEY && coming.isBeingTyped);
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
  for (const [key, field] of changed) {
    saver.remember({ key, value: field.value, revision: field.revision });
    showTitle({ key, value: field.value });
  }
  if (!changed.length) return;
  renderAll();
  announcer.sayNews(countText(page.strings.others_changed, changed.length));
}

window.setInterval(takeInOthersChanges, page.refresh_ms);
document.addEventListener("visibilitychange", takeInOthersChanges);

for (const control of controls()) if (control.type !== "hidden") watch(control);
outbox.onChange(renderAll);
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
showConnection();
renderAll();
saver.start();
structure.restoreFocus();
keepPageForOffline(page.service_worker);
