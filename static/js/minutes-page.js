// The minutes page: every field is saved as the secretary types (field-saver.js), each shows
// whether its words are saved, waiting or refused, and an edit refused because another secretary
// changed the field first shows both versions and lets the secretary choose.
import { Outbox } from "./outbox.js";
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
  transport: postEdit,
  handlers: { connection: connectionChanged, refused: editRefused },
});

// One edit to the page's save route (the login session's cookie and CSRF token, like its forms).
async function postEdit(payload) {
  const response = await fetch(page.save_url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": page.csrf_token },
    body: JSON.stringify(payload),
  });
  if (!(response.headers.get("Content-Type") || "").includes("application/json")) {
    // A login page instead of an answer: the login session has ended.
    return { ok: false, error: { code: "unauthorised", message: t("log_in_again") } };
  }
  return response.json();
}

function controls() {
  return document.querySelectorAll("[data-field]");
}

function wrapperOf(control) {
  return control.closest(".minutes-field");
}

function connectionChanged(state, previous) {
  showConnection();
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
  return control?.labels?.[0]?.textContent.trim() ?? key;
}

// --- drawing each field's state

function renderAll() {
  for (const control of controls()) renderField(control);
  showSummary();
}

function renderField(control) {
  const key = control.dataset.field;
  const wrapper = wrapperOf(control);
  const state = saver.stateOf(key);
  wrapper.dataset.state = state;
  const problem = saver.problemOf(key);
  const stateText = wrapper.querySelector(".field-state");
  stateText.textContent = state === "failed"
    ? t("not_saved", { reason: problem?.error?.message || problem?.error?.code || "" })
    : t(`state_${state}`);
  control.setAttribute("aria-invalid", state === "failed" || state === "stale" ? "true" : "false");
  // Never overwrite what the person is typing; elsewhere show the newest text.
  if (document.activeElement !== control && control.value !== saver.valueOf(key)) {
    control.value = saver.valueOf(key);
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
  control.value = saver.valueOf(key);
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
  const storageBanner = document.getElementById("storage-banner");
  storageBanner.hidden = outbox.persistent;
}

// --- typing

function watch(control) {
  let timer = null;
  const save = () => {
    window.clearTimeout(timer);
    timer = null;
    saver.edit(control.dataset.field, control.value);
  };
  control.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, TYPING_PAUSE_MS);
  });
  control.addEventListener("blur", save);
  // Leaving the page mid-word: what was typed goes into the outbox before the page goes.
  window.addEventListener("pagehide", () => timer && save());
}

for (const control of controls()) watch(control);
outbox.onChange(renderAll);
window.addEventListener("beforeunload", (event) => {
  if (!outbox.persistent && outbox.size) event.preventDefault();
});
showConnection();
renderAll();
saver.start();
keepPageForOffline(page.service_worker);
