// What the room does to the participant's page: the step at the top with its timer, the last
// broadcast (until dismissed or replaced), the questions the round opens first and expanded,
// the others collapsed and read-only with the reason (but never over unsent text), "bring everyone
// to" a question, and the locks and the timer's pauses said aloud.
import { element } from "./live-ui.js";
import { Countdown, Room, followRoom, showRoomNow, timerAnnouncement } from "./room.js";

// Refusals that the room can lift: such notes go out again once their question opens.
const REFUSED_BY_ROOM = ["question_locked", "question_closed"];

export class ParticipantRoom {
  constructor(live) {
    this.live = live;
    const { page } = live;
    const key = `workshop:${page.workshop_id}:participant:${page.participant_id}`;
    this.room = new Room({ state: page.room?.room, seq: page.room?.last_seq, now: page.room?.now, storageKey: `${key}:room` });
    this.dismissedKey = `${key}:dismissed-broadcast`;
    this.toggles = new WeakSet(); // the questions whose Show/Hide button works already
    this.adopt();
    this.shownStepId = this.room.step?.id ?? null;
    this.shownBroadcastId = this.room.state.broadcast?.id ?? null;
    this.shownTimer = this.timerState();
    this.listFormat = new Intl.ListFormat(page.language, { type: "conjunction" });
    document.getElementById("broadcast-dismiss").addEventListener("click", () => this.dismissBroadcast());
    this.countdown = new Countdown({
      room: this.room,
      element: document.getElementById("timer"),
      onMoment: (moment) => live.sayNews(moment, {}, "timer"),
    });
    this.room.onChange((change, catchingUp) => this.changed(change, catchingUp));
  }

  start() {
    this.askForRoom = followRoom(this.live, this.room);
  }

  // The outline changed: a round's questions and a section's locks are named through it.
  reload() {
    if (this.live.client.socket?.connected) this.askForRoom?.();
  }

  // The questions on the page: at the start, and again after the outline was drawn anew (all in
  // their places in the outline then, none in "Open now" yet: arrange() moves them).
  adopt() {
    this.articles = [...document.querySelectorAll("article.question")];
    // Where each question lives in the outline, to put it back when its round is over.
    this.homes = new Map(this.articles.map((article) => [article, placeMarker(article)]));
    this.shownLocks = this.lockedHere(); // a question that went is not "unlocked"
    for (const article of this.articles.filter((candidate) => !this.toggles.has(candidate))) {
      const button = article.querySelector(".question-toggle");
      button.addEventListener("click", () => setExpanded(article, button, button.getAttribute("aria-expanded") !== "true", this.live.t));
      this.toggles.add(article);
    }
  }

  // Why a note cannot go under this question now (a sentence), or null.
  closedMessage(questionId) {
    const reason = this.room.closedReason(questionId);
    if (reason === "locked") return this.live.t("reason_locked");
    if (reason === "closed") return this.live.t(this.room.step?.kind === "group_round" ? "reason_not_in_round" : "reason_no_writing");
    return null;
  }

  show() {
    showRoomNow(this.room, this.live.t);
    this.countdown.show();
    this.showBroadcast();
    this.arrange();
  }

  changed(change, catchingUp) {
    this.show();
    this.announceStep();
    this.announceBroadcast();
    this.announceLocks();
    this.announceTimer(change);
    if (change.kind === "focus:changed" && !catchingUp && change.focus) this.bringTo(change.focus.question_id);
    this.resendWhatOpened();
  }

  announceStep() {
    const step = this.room.running ? this.room.step : null;
    if ((step?.id ?? null) === this.shownStepId) return;
    this.shownStepId = step?.id ?? null;
    if (step) this.live.sayNews("announce_step", { title: step.title }, "step");
  }

  // --- locks and the timer, said aloud (the step says its own timer: only the timer's own changes)

  lockedHere() {
    const locked = new Set(this.room.state.locked_question_ids ?? []);
    return new Set(this.articles.filter((article) => locked.has(Number(article.dataset.questionId))));
  }

  announceLocks() {
    const locked = this.lockedHere();
    const newly = [...locked].filter((article) => !this.shownLocks.has(article));
    const opened = [...this.shownLocks].filter((article) => !locked.has(article));
    this.shownLocks = locked;
    const sentences = [];
    if (newly.length) sentences.push(this.aboutQuestions("announce_locked", newly));
    if (newly.some(hasUnsentText)) sentences.push(this.live.t("announce_text_kept"));
    if (opened.length) sentences.push(this.aboutQuestions("announce_unlocked", opened));
    if (sentences.length) this.live.announcer.sayNews(sentences.join(" "));
  }

  // "Questions 1 and 2 were locked by the facilitator.", in the page's language.
  aboutQuestions(key, articles) {
    const labels = this.listFormat.format(articles.map((article) => article.dataset.label));
    return this.live.counted(this.live.page.strings[key], articles.length, { labels });
  }

  timerState() {
    return this.room.state.timer?.state ?? "stopped";
  }

  announceTimer(change) {
    const before = this.shownTimer;
    this.shownTimer = this.timerState();
    const sentence = timerAnnouncement(this.room, change, before);
    if (sentence) this.live.sayNews(...sentence, "timer");
  }

  // --- the broadcast

  visibleBroadcast() {
    const broadcast = this.room.state.broadcast;
    if (!broadcast || broadcast.cleared) return null;
    return String(broadcast.id) === localStorage.getItem(this.dismissedKey) ? null : broadcast;
  }

  showBroadcast() {
    const broadcast = this.visibleBroadcast();
    document.getElementById("broadcast").hidden = !broadcast;
    document.getElementById("broadcast-text").textContent = broadcast?.text ?? "";
  }

  announceBroadcast() {
    const broadcast = this.visibleBroadcast();
    if (!broadcast || broadcast.id === this.shownBroadcastId) return;
    this.shownBroadcastId = broadcast.id;
    this.live.sayNews("announce_broadcast", { text: broadcast.text });
  }

  dismissBroadcast() {
    const broadcast = this.room.state.broadcast;
    try {
      if (broadcast) localStorage.setItem(this.dismissedKey, String(broadcast.id));
    } catch {
      // Without storage it is dismissed until the next reload.
    }
    document.getElementById("broadcast").hidden = true;
    document.querySelector("main")?.focus();
  }

  // --- the questions: open ones first and expanded, the others collapsed with the reason

  arrange() {
    const inRound = this.room.running && this.room.step?.kind === "group_round";
    const openArea = document.querySelector("#open-now .open-now-questions");
    const focused = document.activeElement;
    const openOrder = inRound ? this.room.step.question_ids : [];
    let anyOpen = false;
    for (const article of this.articles) {
      const questionId = Number(article.dataset.questionId);
      const message = this.closedMessage(questionId);
      anyOpen ||= !message;
      this.showOpenness(article, message);
      const moveUp = inRound && openOrder.includes(questionId) && !message;
      if (moveUp && article.parentElement !== openArea) openArea.append(article);
      else if (!moveUp && article.parentElement === openArea) this.homes.get(article).after(article);
    }
    // Open questions in the round's order (the outline's).
    for (const questionId of openOrder) {
      const article = openArea.querySelector(`article[data-question-id="${questionId}"]`);
      if (article) openArea.append(article);
    }
    nameOutsideBlocks(this.articles, openArea);
    document.getElementById("open-now").hidden = !openArea.querySelector("article.question");
    // How to type a note, only while a note can be added somewhere.
    const hint = document.getElementById("compose-hint"); // none while not in a group
    if (hint) hint.hidden = !anyOpen || this.live.status !== "live";
    this.live.view?.roomChanged(); // a box refused as closed takes its text once it opens
    for (const article of this.articles) describeBox(article, hint);
    for (const section of document.querySelectorAll(".outline section.outline-section")) {
      section.hidden = !section.querySelector("article.question");
    }
    keepFocus(focused);
  }

  // A closed question's box goes, unless it holds unsent text: that stays in view, saying that it
  // is kept and can be added once the question opens. Its Add button follows the room and status.
  showOpenness(article, message) {
    const wasOpen = !article.classList.contains("question--closed");
    article.classList.toggle("question--closed", Boolean(message));
    const reason = article.querySelector(".question-closed");
    reason.hidden = !message;
    reason.textContent = message || "";
    const form = article.querySelector("form.composer");
    const textKept = Boolean(message) && Boolean(form.querySelector("textarea").value.trim());
    form.hidden = Boolean(message) && !textKept;
    form.querySelector(".draft-kept").hidden = !textKept;
    form.querySelector("textarea").disabled = false;
    form.querySelector("button").disabled = Boolean(message) || this.live.status !== "live";
    const button = article.querySelector(".question-toggle");
    button.hidden = !message;
    if (wasOpen === !message) return;
    // Collapsed when it closes (unless it holds unsent text); expanded when it opens.
    setExpanded(article, button, !message || hasUnsentText(article), this.live.t);
  }

  // A refused note stays in view with its reason, even under a question that closed meanwhile.
  revealRefused() {
    this.revealWhere((article) => article.querySelector("li.note--failed"));
  }

  // So does unsent text brought back after a reload (an edit reopened under a closed question).
  revealUnsent() {
    this.revealWhere(hasUnsentText);
  }

  revealWhere(shouldShow) {
    for (const article of this.articles) {
      const button = article.querySelector(".question-toggle");
      if (button.getAttribute("aria-expanded") !== "true" && shouldShow(article)) {
        setExpanded(article, button, true, this.live.t);
      }
    }
  }

  bringTo(questionId) {
    const article = this.articles.find((candidate) => Number(candidate.dataset.questionId) === questionId);
    if (!article) return;
    const label = article.dataset.label;
    const typing = typingOutside(article);
    if (typing) {
      // Moving the focus now would put the rest of their sentence under the other question.
      this.offerWay(article, typing);
      this.live.announcer.sayNews(`${this.live.t("announce_focus", { label })} ${this.live.t("focus_typing")}`, "focus");
      return;
    }
    this.goTo(article);
    this.live.sayNews("announce_focus", { label }, "focus");
  }

  goTo(article) {
    document.getElementById("focus-offer").hidden = true;
    article.scrollIntoView({ block: "start" });
    const box = article.querySelector("form.composer:not([hidden]) textarea");
    (box || article.querySelector(".question-text")).focus();
  }

  // The way there, right under the box being typed in: where the person is looking.
  offerWay(article, typing) {
    const offer = document.getElementById("focus-offer");
    const label = article.dataset.label;
    offer.querySelector(".focus-offer-text").textContent = `${this.live.t("announce_focus", { label })} ${this.live.t("focus_typing")}`;
    const button = offer.querySelector("button");
    button.textContent = this.live.t("go_to_question", { label });
    button.onclick = () => this.goTo(article);
    (typing.closest("form") ?? typing).after(offer);
    offer.hidden = false;
  }

  resendWhatOpened() {
    if (this.live.status !== "live") return;
    for (const item of this.live.outbox.items()) {
      if (item.status === "failed" && REFUSED_BY_ROOM.includes(item.error?.code) && !this.room.closedReason(item.question_id)) {
        this.live.outbox.retry(item.op_id);
      }
    }
  }
}

// The text field the person is typing in (holding text) outside this question, or null.
function typingOutside(article) {
  const field = document.activeElement;
  if (!field?.matches?.("textarea, input[type=text]") || !field.value.trim() || article.contains(field)) return null;
  return field;
}

// Typed and not sent: text in the question's box, or an edit of one of its notes.
function hasUnsentText(article) {
  return Boolean(article.querySelector("form.composer textarea").value.trim() || article.querySelector("li[data-editing]"));
}

// A hidden element named by aria-describedby is still read out: a box is described only by what
// shows (the typing hint, the kept-text note), and by its error box, which is empty while hidden.
function describeBox(article, hint) {
  const form = article.querySelector("form.composer");
  const kept = form.querySelector(".draft-kept");
  const shown = [hint && !hint.hidden ? hint : null, form.querySelector(".field-error"), kept.hidden ? null : kept];
  form.querySelector("textarea").setAttribute("aria-describedby", shown.filter(Boolean).map((part) => part.id).join(" "));
}

// Moving a question to or from "Open now" drops the focus, and a box that closes hides it: the
// focus goes back, or to the question's heading rather than to nowhere.
function keepFocus(focused) {
  if (!focused?.isConnected) return;
  if (focused.closest("[hidden]")) focused.closest("article.question")?.querySelector(".question-text")?.focus();
  else if (focused !== document.activeElement) focused.focus();
}

// Out of its block, in "Open now", "1. Secure its independence?" no longer says which 1 it is,
// nor finishes the block's "How can the institute strategically:": there a question goes by its
// full name ("A.1") under its block's heading; back home, by its own label again.
function nameOutsideBlocks(articles, openArea) {
  for (const context of openArea.querySelectorAll(".open-now-context")) context.remove();
  let previous = null;
  for (const article of articles) {
    const label = article.querySelector(".question-label");
    const open = article.parentElement === openArea;
    if (label) {
      label.dataset.ownLabel ??= label.textContent;
      const fuller = label.dataset.fullLabel !== label.dataset.ownLabel.replace(/[.)]$/, "");
      label.textContent = open && fuller ? label.dataset.fullLabel : label.dataset.ownLabel;
    }
  }
  for (const article of openArea.querySelectorAll(":scope > article.question")) {
    const context = article.dataset.context ?? "";
    if (context && context !== previous) article.before(element("p", { class: "open-now-context", text: context }));
    previous = context;
  }
}

function placeMarker(article) {
  const marker = document.createElement("span");
  marker.hidden = true;
  article.before(marker);
  return marker;
}

function setExpanded(article, button, expanded, t) {
  button.setAttribute("aria-expanded", String(expanded));
  button.textContent = t(expanded ? "hide_notes" : "show_notes");
  article.querySelector(".question-body").hidden = !expanded;
}
