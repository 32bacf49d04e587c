// The dashboard's controls for running the room: the plan's steps, the timer, locks, broadcasts,
// "bring everyone to", the plenary's page and quiet groups. A button sends one socket event; what
// it changed comes back as a room change (to every facilitator's dashboard), and the controls are
// drawn from the room alone — so two facilitators' dashboards never disagree.
import { element, handOnFocus } from "./live-ui.js";
import { Countdown, Room, followRoom, timerAnnouncement } from "./room.js";
import { keepInView, watchDownwardScroll } from "./scroll-hint.js";

const QUIET_CHECK_MS = 15000;

// "5" → 300 seconds, "2:30" → 150; null when it is not a time.
export function parseTimerInput(text) {
  const match = /^\s*(\d{1,3})(?::([0-5]\d))?\s*$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return seconds > 0 ? seconds : null;
}

// Where the focus goes when the control under it is hidden, disabled or redrawn by the change it
// made (or another facilitator's): the same step's or question's new button, else what it became;
// a button's counterpart (Pause ↔ Resume); else the words saying the state.
export function focusAfter(control) {
  const { stepId, showQuestion, roomEvent } = control.dataset ?? {};
  if (stepId) return [`#step-list button[data-step-id="${stepId}"]`, "#step-list li.current", "#plan-state"];
  if (showQuestion) return [`#plenary-list button[data-show-question="${showQuestion}"]`, "#plenary-list li[aria-current]", "#plenary-now"];
  const byId = {
    "plan-start": ['[data-room-event="step:next"]', "#plan-state"],
    "plan-finish": ["#plan-state"],
    "timer-pause": ["#timer-resume", "#timer-start-step", "#timer-minutes"],
    "timer-resume": ["#timer-pause", "#timer-start-step", "#timer-minutes"],
    "broadcast-clear": ["#broadcast-message"],
  }[control.id];
  if (byId) return byId;
  if (roomEvent?.startsWith("timer:")) return ["#timer-start-step", "#timer-minutes"];
  if (roomEvent?.startsWith("step:") || roomEvent?.startsWith("plan:")) return ["#plan-finish", "#plan-state"];
  if (roomEvent?.startsWith("plenary:")) return ["#plenary-list li[aria-current]", "#plenary-now"];
  return [];
}

// A name put before the sentence's own full stop: a heading's closing colon or question mark is
// left out ("Locked: A. How can the institute strategically." — not "…strategically:.").
export function sentenceEnd(name) {
  return String(name ?? "").replace(/[\s.:;,!?…]+$/u, "");
}

export class DashboardRoom {
  constructor(live, { questionOf, questionLabel, groupName }) {
    Object.assign(this, { live, questionOf, questionLabel, groupName });
    const { page } = live;
    this.room = new Room({
      state: page.room?.room,
      seq: page.room?.last_seq,
      now: page.room?.now,
      storageKey: `workshop:${page.workshop_id}:facilitator:${page.facilitator_id}:room`,
    });
    this.room.extra = { groups: page.room?.groups, quiet_after_seconds: page.room?.quiet_after_seconds };
    this.shownStepId = this.room.step?.id ?? null;
    this.shownTimer = this.room.state.timer?.state ?? "stopped";
    this.countdown = new Countdown({ room: this.room, element: document.getElementById("timer") });
    this.plenaryScrolled = watchDownwardScroll(document.getElementById("plenary-list"), document.getElementById("plenary-scroll-hint"));
    this.room.onChange((change, catchingUp) => this.changed(change, catchingUp));
    this.wire();
  }

  start() {
    followRoom(this.live, this.room);
    window.setInterval(() => this.showQuiet(), QUIET_CHECK_MS);
  }

  // --- acting: one socket event per button; a refusal is shown (and announced) in words

  async act(event, payload = {}) {
    const error = document.getElementById("room-error");
    let ack;
    try {
      ack = await this.live.client.request(event, payload);
    } catch {
      ack = { ok: false, error: { message: this.live.t("connection_reconnecting") } };
    }
    error.hidden = Boolean(ack?.ok);
    if (!ack?.ok) error.textContent = this.live.t("action_failed", { reason: ack?.error?.message || ack?.error?.code || "" });
    return ack;
  }

  wire() {
    document.querySelector(".run-room").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-room-event]");
      if (!button) return;
      const payload = button.dataset.seconds ? { seconds: Number(button.dataset.seconds) } : {};
      this.act(button.dataset.roomEvent, payload);
    });
    document.getElementById("step-list").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-step-id]");
      if (button) this.act("step:goto", { step_id: Number(button.dataset.stepId) });
    });
    document.getElementById("plenary-list").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-show-question]");
      if (button) this.act("plenary:show", { question_id: Number(button.dataset.showQuestion) });
    });
    document.getElementById("timer-form").addEventListener("submit", (event) => this.setTimer(event));
    this.wireBroadcast();
    this.wireQuestionsPanel();
  }

  setTimer(event) {
    event.preventDefault();
    const field = document.getElementById("timer-minutes");
    const error = document.getElementById("timer-minutes-error");
    const seconds = parseTimerInput(field.value);
    error.hidden = seconds !== null;
    error.textContent = seconds === null ? this.live.t("timer_invalid") : "";
    field.setAttribute("aria-invalid", String(seconds === null));
    if (seconds === null) {
      field.focus();
      return;
    }
    this.act("timer:start", { seconds }).then((ack) => {
      if (ack?.ok) field.value = "";
    });
  }

  wireBroadcast() {
    const form = document.getElementById("broadcast-form");
    const box = document.getElementById("broadcast-message");
    const max = this.live.page.broadcast_max;
    const count = () => {
      document.getElementById("broadcast-count").textContent =
        this.live.t("broadcast_length", { length: [...box.value].length, max });
    };
    box.addEventListener("input", count);
    count();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = box.value.trim();
      const problem = !text ? this.live.t("broadcast_empty")
        : [...text].length > max ? this.live.t("broadcast_too_long", { max, length: [...text].length }) : null;
      const error = document.getElementById("broadcast-message-error");
      error.hidden = !problem;
      error.textContent = problem || "";
      box.setAttribute("aria-invalid", String(Boolean(problem)));
      if (problem) return box.focus();
      const group = document.getElementById("broadcast-group").value;
      const ack = await this.act("broadcast:send", group ? { text, group_id: Number(group) } : { text });
      if (ack?.ok) {
        box.value = "";
        count();
      }
    });
    document.getElementById("broadcast-clear").addEventListener("click", () => {
      const broadcast = this.room.state.broadcast;
      this.act("broadcast:clear", broadcast?.group_id ? { group_id: broadcast.group_id } : {});
    });
  }

  wireQuestionsPanel() {
    const panel = document.getElementById("questions-panel");
    panel?.addEventListener("click", (event) => {
      const lock = event.target.closest("button[data-lock-target]");
      if (lock) this.toggleLock(lock);
      const focus = event.target.closest("button[data-focus-question]");
      if (focus) this.act("focus:set", { question_id: Number(focus.dataset.focusQuestion) });
    });
  }

  // The button stays under the focus with its new words; what changed is also said aloud.
  async toggleLock(button) {
    const locked = button.dataset.locked !== "true";
    const ack = await this.act("lock:set", { target: button.dataset.lockTarget, id: Number(button.dataset.lockId), locked });
    if (ack?.ok) this.live.say(locked ? "announce_locked" : "announce_unlocked", { name: sentenceEnd(button.dataset.lockName) });
  }

  // --- showing the room

  changed(change, catchingUp) {
    this.show();
    const step = this.room.running ? this.room.step : null;
    const before = this.shownTimer;
    this.shownTimer = this.room.state.timer?.state ?? "stopped";
    if ((step?.id ?? null) !== this.shownStepId) {
      this.shownStepId = step?.id ?? null;
      if (step) this.live.sayNews("announce_step", { title: step.title }, "step");
      return; // the step says its own timer
    }
    // What a timer button did (this facilitator's or another's), said aloud as on the
    // participants' pages: the time on the dashboard changes silently otherwise.
    const sentence = catchingUp ? null : timerAnnouncement(this.room, change, before);
    if (sentence) this.live.sayNews(...sentence, "timer");
  }

  show() {
    const had = document.activeElement;
    const inRoom = Boolean(had?.closest?.(".run-room"));
    this.showPlan();
    this.countdown.show();
    this.showTimerButtons();
    this.showBroadcast();
    this.showLocks();
    this.showPlenary();
    this.showQuiet();
    if (inRoom) handOnFocus(had, focusAfter(had).map((selector) => document.querySelector(selector)));
  }

  showPlan() {
    const { t } = this.live;
    const plan = this.room.state.plan ?? { status: "draft", steps: [] };
    const step = this.room.step;
    const { position, count } = this.room.stepNumber();
    document.getElementById("plan-state").textContent =
      plan.status === "running" && step ? t("plan_now", { position, count, title: step.title })
        : t(plan.status === "finished" ? "plan_finished" : "plan_draft");
    document.getElementById("plan-start").hidden = plan.status !== "draft";
    document.getElementById("plan-finish").hidden = plan.status !== "running";
    this.showStepButtons(plan.status === "running", position, count);
    document.getElementById("step-list").replaceChildren(...plan.steps.map((item, index) => this.stepItem(item, index + 1, plan)));
  }

  showStepButtons(running, position, count) {
    showNeighbourButtons("step", running, position, count, document.getElementById("plan-finish"));
  }

  stepItem(step, position, plan) {
    const { t, counted } = this.live;
    const current = plan.status === "running" && step.id === plan.current_step_id;
    const facts = [t(`kind_${step.kind}`)];
    if (step.duration_minutes) facts.push(counted(this.live.page.strings.minutes, step.duration_minutes));
    // The current step can hold the focus: its "Go here" button is gone once it is current.
    return element("li", { class: current ? "step current" : "step", "aria-current": current ? "step" : null,
      tabindex: current ? "-1" : null, "data-step-id": current ? step.id : null },
      element("span", { class: "step-name", text: step.title }),
      element("span", { class: "muted", text: ` · ${facts.join(" · ")} ` }),
      current ? element("strong", { text: t("current") })
        : element("button", {
          type: "button", class: "secondary", "data-step-id": step.id, text: t("go"),
          "aria-label": t("go_to_step", { position, title: step.title }),
          disabled: plan.status === "finished" ? true : null,
        }));
  }

  showTimerButtons() {
    const timer = this.room.state.timer ?? { state: "stopped" };
    document.getElementById("timer-none").hidden = timer.state !== "stopped";
    document.getElementById("timer-pause").hidden = timer.state !== "running";
    document.getElementById("timer-resume").hidden = timer.state !== "paused";
    // Without a step running, or a step without a duration, the step's timer has nothing to count:
    // the hint says why, and what to do. The button is described by the hint that is shown only
    // (a hidden element named by aria-describedby is still read out).
    const step = this.room.running ? this.room.step : null;
    const draft = (this.room.state.plan?.status ?? "draft") === "draft";
    const hint = step ? (step.duration_minutes ? null : "timer-step-hint") : (draft ? "timer-plan-hint" : null);
    const startStep = document.getElementById("timer-start-step");
    startStep.disabled = !step?.duration_minutes;
    for (const id of ["timer-plan-hint", "timer-step-hint"]) document.getElementById(id).hidden = id !== hint;
    if (hint) startStep.setAttribute("aria-describedby", hint);
    else startStep.removeAttribute("aria-describedby");
    for (const button of document.querySelectorAll('[data-room-event="timer:extend"], [data-room-event="timer:clear"]')) {
      button.disabled = timer.state === "stopped";
    }
  }

  showBroadcast() {
    const broadcast = this.room.state.broadcast;
    const shown = broadcast && !broadcast.cleared ? broadcast : null;
    document.getElementById("broadcast-current").hidden = !shown;
    if (!shown) return;
    const to = shown.group_id ? ` ${this.live.t("broadcast_to", { group: this.groupName.get(shown.group_id) ?? "" })}` : "";
    document.getElementById("broadcast-current-text").textContent = shown.text + to;
  }

  showLocks() {
    const locks = this.room.state.locks ?? { section_ids: [], question_ids: [] };
    const lockedQuestions = new Set(this.room.state.locked_question_ids ?? []);
    for (const button of document.querySelectorAll("button[data-lock-target]")) {
      const ids = button.dataset.lockTarget === "section" ? locks.section_ids : locks.question_ids;
      this.showLock(button, ids.includes(Number(button.dataset.lockId)));
    }
    for (const state of document.querySelectorAll("[data-section-state]")) {
      state.hidden = !locks.section_ids.includes(Number(state.dataset.sectionState));
    }
    // A question locked only through its section (or block) says so: its own button still offers
    // "Lock", which locks it alone, so that it stays locked when the section opens.
    const ownLocks = new Set(locks.question_ids);
    for (const item of document.querySelectorAll(".panel-question")) {
      const id = Number(item.dataset.questionId);
      const state = item.querySelector(".panel-state");
      state.hidden = !lockedQuestions.has(id);
      state.textContent = this.live.t(ownLocks.has(id) ? "locked" : "locked_with_section");
    }
    for (const head of document.querySelectorAll("#matrix th.question-head")) {
      head.classList.toggle("locked", lockedQuestions.has(Number(head.dataset.questionId)));
    }
  }

  showLock(button, locked) {
    const { t } = this.live;
    button.dataset.locked = String(locked);
    button.textContent = t(locked ? "unlock" : "lock");
    button.setAttribute("aria-label", t(locked ? "unlock_name" : "lock_name", { name: button.dataset.lockName }));
  }

  showPlenary() {
    const plenary = this.room.running ? this.room.state.plenary : null;
    document.getElementById("plenary-controls").hidden = !plenary;
    if (!plenary) return;
    const question = this.questionOf.get(plenary.question_id);
    const label = question ? this.questionLabel(question) : "";
    // "Question 1 of 7: 1 Who …" said the number twice: the place in the plenary stands for the
    // question's number unless that number is another ("question 2.1 (3 of 7)").
    const key = !label || label === String(plenary.position) ? "plenary_now" : "plenary_now_labelled";
    document.getElementById("plenary-now").textContent = this.live.t(key, {
      position: plenary.position, count: plenary.count, label, text: question?.text ?? "",
    });
    showNeighbourButtons("plenary", true, plenary.position, plenary.count, document.getElementById("plenary-now"));
    const items = (this.room.step?.question_ids ?? []).map((questionId) => this.plenaryItem(questionId, plenary));
    const list = document.getElementById("plenary-list");
    list.replaceChildren(...items);
    // When the projector's question changes the list scrolls (itself, not the page) to keep it in
    // view; between changes the list stays where the facilitator scrolled it.
    if (plenary.question_id !== this.shownPlenaryQuestion) {
      this.shownPlenaryQuestion = plenary.question_id;
      keepInView(list, list.querySelector("li[aria-current]"));
    }
    this.plenaryScrolled();
  }

  // Any question of the plenary, straight onto the projector.
  plenaryItem(questionId, plenary) {
    const question = this.questionOf.get(questionId);
    const label = question ? this.questionLabel(question) : "";
    const shown = questionId === plenary.question_id;
    return element("li", { "aria-current": shown ? "true" : null,
      tabindex: shown ? "-1" : null, "data-show-question": shown ? questionId : null },
      element("span", { text: `${label} ${question?.text ?? ""} ` }),
      shown ? element("strong", { text: this.live.t("current") })
        : element("button", { type: "button", class: "secondary", "data-show-question": questionId,
          text: this.live.t("show"), "aria-label": this.live.t("show_question", { label }) }));
  }

  // A group is quiet when the round has run longer than the set time and it has added nothing
  // since the round began (docs/realtime.md, room:state's groups). Worked out here, so the flag
  // follows new notes and the passing time without asking the server.
  quietGroupIds() {
    const step = this.room.running ? this.room.step : null;
    const after = this.room.extra.quiet_after_seconds;
    if (step?.kind !== "group_round" || !step.started_at || !after) return new Set();
    const started = Date.parse(step.started_at);
    if (this.room.serverNow() - started < after * 1000) return new Set();
    const active = new Set(this.live.store.all()
      .filter((note) => Date.parse(note.created_at) >= started).map((note) => note.group_id));
    return new Set(this.live.page.groups.filter((groupId) => !active.has(groupId)));
  }

  showQuiet() {
    this.onQuiet?.(this.quietGroupIds());
  }
}

// Previous and Next (of the steps, of the plenary's questions) only where there is one to go to;
// a button disabled under the keyboard hands the focus on: to the other one, or at the end to
// `afterLast` (finishing the plan; the plenary's line).
function showNeighbourButtons(kind, enabled, position, count, afterLast) {
  const previous = document.querySelector(`[data-room-event="${kind}:previous"]`);
  const next = document.querySelector(`[data-room-event="${kind}:next"]`);
  const focused = document.activeElement;
  previous.disabled = !enabled || position <= 1;
  next.disabled = !enabled || position >= count;
  if (focused === next && next.disabled && enabled) afterLast.focus();
  else if (focused === previous && previous.disabled) (next.disabled ? afterLast : next).focus();
}
