// The room as a browser knows it (docs/realtime.md, "Running the room"): the plan and its current
// step, the timer, locks, the last broadcast, "bring everyone to" and the plenary's question. All
// three live pages keep one Room: from the page, then `room:state` at every connect, then the room
// changes in seq order. The timer counts on the server's clock (corrected for this one's offset).
import { keep, readKept } from "./live-ui.js";

export const ROOM_KINDS = [
  "plan:changed", "step:changed", "timer:changed", "lock:changed",
  "broadcast:changed", "focus:changed", "plenary:changed",
];
// What a change says about itself, not about the room (a timer change's `action`: what was done).
const NOT_ROOM_KEYS = new Set(["seq", "kind", "prev_seq", "action"]);

export class Room {
  // stored: what this browser kept last time (a page from the offline cache can be older).
  constructor({ state, seq, now, storageKey, storage = globalThis.localStorage }) {
    Object.assign(this, { storageKey, storage });
    this.listeners = new Set();
    this.offset = 0;
    this.extra = {}; // what room:state adds for facilitators: groups, quiet_after_seconds
    this.state = state || {};
    this.seq = seq ?? 0;
    const stored = this.stored();
    if (stored && stored.seq > this.seq) Object.assign(this, { state: stored.state, seq: stored.seq });
    // A page from the offline cache carries an old `now`: the offset measured before is better.
    if (stored && stored.seq >= this.seq && Number.isFinite(stored.offset)) this.offset = stored.offset;
    else if (now) this.setClock(now, Date.now(), Date.now());
  }

  stored() {
    return readKept(this.storage, this.storageKey);
  }

  save() {
    keep(this.storage, this.storageKey, { state: this.state, seq: this.seq, offset: this.offset });
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  notify(change, catchingUp) {
    this.save();
    for (const listener of this.listeners) listener(change, catchingUp);
  }

  // offset = the server's clock minus ours, measured halfway between asking and hearing back.
  setClock(now, sent, received) {
    const server = Date.parse(now);
    if (Number.isNaN(server)) return;
    this.offset = server - (sent + received) / 2;
    this.save();
  }

  serverNow() {
    return Date.now() + this.offset;
  }

  // A `room:state` answer: the whole room, unless changes newer than it were applied already.
  load(answer, sent, received) {
    if (!answer?.ok) return;
    this.setClock(answer.now, sent, received);
    this.extra = { groups: answer.groups, quiet_after_seconds: answer.quiet_after_seconds };
    if (answer.last_seq < this.seq) return;
    this.state = answer.room;
    this.seq = answer.last_seq;
    this.notify({ kind: "room:state" }, true);
  }

  // A room change (broadcast or catch-up): replace the keys it carries. Older ones are ignored.
  apply(change, catchingUp = false) {
    if (!ROOM_KINDS.includes(change?.kind) || (change.seq ?? 0) <= this.seq) return false;
    for (const [key, value] of Object.entries(change)) {
      if (!NOT_ROOM_KEYS.has(key)) this.state[key] = value;
    }
    this.seq = change.seq;
    this.notify(change, catchingUp);
    return true;
  }

  get step() {
    return this.state.step ?? null;
  }

  get running() {
    return this.state.plan?.status === "running";
  }

  stepNumber() {
    const steps = this.state.plan?.steps ?? [];
    return { position: steps.findIndex((step) => step.id === this.step?.id) + 1, count: steps.length };
  }

  // Why a participant may not write under a question now: null (they may), "locked", "closed".
  closedReason(questionId) {
    if ((this.state.locked_question_ids ?? []).includes(questionId)) return "locked";
    if (!this.running) return null;
    const step = this.step;
    return step?.kind === "group_round" && step.question_ids.includes(questionId) ? null : "closed";
  }

  // Milliseconds left on the timer, or null without one. A passed end shows 0, and never more
  // than was set: the clock's offset, measured under load, can put the end a moment further off
  // (a two-minute timer announced "2:01 left").
  remainingMs() {
    const timer = this.state.timer;
    if (!timer || timer.state === "stopped") return null;
    if (timer.state === "paused") return timer.remaining_ms;
    const left = Math.max(0, Date.parse(timer.ends_at) - this.serverNow());
    return Number.isFinite(timer.duration_ms) ? Math.min(left, timer.duration_ms) : left;
  }
}

// Keeps a page's Room up to date over its LiveClient: the room at every connect, and the room
// changes as they are broadcast — handed to LiveClient like any change of the feed (in seq order,
// catching up on a gap); the room hears them, and those of a catch-up, from the store.
export function followRoom(live, room) {
  // A change replayed by a catch-up says so: "bring everyone to" is not acted on after the fact.
  live.store.onChange((change) => room.apply(change, live.client.catchingUp));
  const socket = live.client.socket;
  for (const kind of ROOM_KINDS) socket.on(kind, (change) => live.client.arrived(change));
  const askForRoom = async () => {
    const sent = Date.now();
    try {
      room.load(await live.client.request("room:state", {}), sent, Date.now());
    } catch {
      // No answer in time: the changes still come, and the next connect asks again.
    }
  };
  socket.on("connect", askForRoom);
  if (socket.connected) askForRoom();
  return askForRoom; // to ask again, e.g. after the outline changed (a round's questions with it)
}

// What the timer's own change says aloud (the step says its own timer), as [key, values], or null:
// paused, running again, started, changed (+1 min) or stopped. The participant's page and the
// dashboard both say it, so a facilitator at the keyboard hears what their button did. The change's
// `action` says what was done (a restart leaves a running timer running, as "+1 min" does); a
// change without one (written before it was kept) is told by the states before and after.
const TIMER_ACTIONS = {
  started: "announce_timer_started",
  paused: "announce_timer_paused",
  resumed: "announce_timer_resumed",
  extended: "announce_timer_changed",
  stopped: "announce_timer_stopped",
};

export function timerAnnouncement(room, change, before) {
  if (change?.kind !== "timer:changed") return null;
  const now = room.state.timer?.state ?? "stopped";
  const time = clockText(room.remainingMs() ?? 0);
  const key = TIMER_ACTIONS[change.action];
  if (key) return [key, key === "announce_timer_stopped" ? {} : { time }];
  if (now === "paused" && before !== "paused") return ["announce_timer_paused", { time }];
  if (now === "running" && before === "paused") return ["announce_timer_resumed", { time }];
  if (now === "running" && before === "stopped") return ["announce_timer_started", { time }];
  if (now === "running") return ["announce_timer_changed", { time }];
  if (now === "stopped" && before !== "stopped") return ["announce_timer_stopped", {}];
  return null;
}

// "12:05", or "1:02:05" past an hour; rounded up, so 0:00 means the time is really up.
export function clockText(ms) {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

// The timer on a page: redrawn a few times a second (only when its text changes); says "one
// minute left" and "time is up" once each, through the page's polite announcer.
export class Countdown {
  constructor({ room, element, onMoment = () => {} }) {
    Object.assign(this, { room, element, onMoment });
    this.lastText = null;
    this.lastMs = null;
    window.setInterval(() => this.show(), 250);
  }

  show() {
    const ms = this.room.remainingMs();
    const text = ms === null ? "" : clockText(ms);
    // Only the clock running down says "one minute left": a timer set anew (to 0:30 from 17
    // minutes) has its own announcement, which "one minute left" came first and spoke over.
    const ends = this.room.state.timer?.ends_at ?? null;
    const sameTimer = ends === this.lastEnds;
    this.lastEnds = ends;
    if (sameTimer && this.lastMs !== null && ms !== null && this.room.state.timer?.state === "running") {
      if (this.lastMs > 60000 && ms <= 60000 && ms > 0) this.onMoment("one_minute_left");
      if (this.lastMs > 0 && ms === 0) this.onMoment("time_up");
    }
    this.lastMs = ms;
    this.element.hidden = ms === null;
    const state = this.room.state.timer?.state ?? "stopped";
    this.element.dataset.state = state;
    const paused = this.element.querySelector(".timer-paused");
    if (paused) paused.hidden = state !== "paused";
    if (text !== this.lastText) {
      this.element.querySelector(".timer-time").textContent = text;
      this.lastText = text;
    }
  }
}

// The current step at the top of a page (templates/live/_room_now.html): where we are in the
// plan, the step's title and guidance. Hidden while the plan is not running.
export function showRoomNow(room, t) {
  const section = document.getElementById("room-now");
  const step = room.running ? room.step : null;
  section.hidden = !step;
  if (!step) return;
  const { position, count } = room.stepNumber();
  document.getElementById("step-place").textContent =
    `${t("step_place", { position, count })} · ${t(`kind_${step.kind}`)}`;
  document.getElementById("step-title").textContent = step.title;
  const guidance = document.getElementById("step-guidance");
  guidance.textContent = step.guidance || "";
  guidance.hidden = !step.guidance;
}
