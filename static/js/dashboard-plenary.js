// The dashboard's plenary controls: share every group's points (raw or curated; a question, a
// section or all) and withdraw; open a dot vote with its settings, see the participation and the
// totals live, close it, reveal it, open it again. One socket event per action; the controls are
// drawn from the plenary alone, so two facilitators' dashboards never disagree.
import { Plenary, followPlenary, plenaryWords } from "./plenary.js";
import { resultsChart } from "./vote-chart.js";
import { handOnFocus } from "./live-ui.js";
import { refillById, replaceOptions } from "./outline-reader.js";

const DOTS_MAX = 50;

// The button that hid itself (or the form that did) hands the focus to what comes next.
const FOCUS_AFTER = {
  "vote-form": ["vote-close", "vote-reveal", "vote-reopen"],
  "vote-close": ["vote-reveal", "vote-reopen", "vote-open"],
  "vote-reveal": ["vote-reopen", "vote-open"],
  "vote-reopen": ["vote-close", "vote-open"],
  "share-withdraw": ["share-submit"],
};

// "question:7" → {scope: "question", target_id: 7}; "all" → {scope: "all"}.
export function targetOf(value) {
  const [scope, id] = value.split(":");
  return id ? { scope, target_id: Number(id) } : { scope };
}

// A whole number from 1 to max typed in a field, or null.
export function wholeNumber(text, max) {
  const value = Number(String(text).trim());
  return Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}

export class DashboardPlenary {
  constructor(live, room) {
    this.live = live;
    this.words = plenaryWords(live);
    this.plenary = new Plenary(room, `workshop:${live.page.workshop_id}:facilitator:${live.page.facilitator_id}:plenary`);
    this.plenary.onChange((change, catchingUp) => this.changed(change, catchingUp));
    this.wire();
  }

  start() {
    followPlenary(this.live, this.plenary);
    this.show();
  }

  async act(event, payload = {}) {
    const { t } = this.words;
    const error = document.getElementById("plenary-error");
    let ack;
    try {
      ack = await this.live.client.request(event, payload);
    } catch {
      ack = { ok: false, error: { message: t("connection_lost") } };
    }
    error.hidden = Boolean(ack?.ok);
    // The error's own role="status" says it aloud.
    if (!ack?.ok) error.textContent = t("action_failed", { reason: ack?.error?.message || ack?.error?.code || "" });
    return ack;
  }

  wire() {
    document.getElementById("share-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.act("share:set", { source: checked("share-source"), ...targetOf(document.getElementById("share-target").value) });
    });
    document.getElementById("share-withdraw").addEventListener("click", () => this.act("share:withdraw"));
    document.getElementById("vote-form").addEventListener("submit", (event) => this.openVote(event));
    for (const button of document.querySelectorAll("button[data-vote-event]")) {
      button.addEventListener("click", () => this.act(button.dataset.voteEvent));
    }
  }

  openVote(event) {
    event.preventDefault();
    const dots = this.numberField("vote-dots", DOTS_MAX, "dots_invalid");
    const cap = dots && this.numberField("vote-cap", dots, "cap_invalid");
    if (!dots || !cap) return;
    this.act("vote:open", {
      source: checked("vote-source"),
      ...targetOf(document.getElementById("vote-target").value),
      dots_per_participant: dots,
      max_per_point: cap,
      show_totals: document.getElementById("vote-show-totals").checked,
      timer: document.getElementById("vote-timer").checked,
    });
  }

  // The field's whole number, or null with its error shown and the focus on it.
  numberField(id, max, errorKey) {
    const field = document.getElementById(id);
    const error = document.getElementById(`${id}-error`);
    const value = wholeNumber(field.value, max);
    error.hidden = value !== null;
    error.textContent = value === null ? this.words.t(errorKey) : "";
    field.setAttribute("aria-invalid", String(value === null));
    if (value === null) field.focus();
    return value;
  }

  // The outline changed: the questions and sections a share names, and what the forms offer.
  outlineChanged({ questions, sections }, targetOptions) {
    Object.assign(this.words, { questions, sections });
    refillById(this.words.questionOf, questions);
    for (const id of ["share-target", "vote-target"]) replaceOptions(document.getElementById(id), targetOptions);
    this.show();
  }

  changed(change, catchingUp) {
    this.show();
    const { t } = this.words;
    if (!catchingUp && change.kind === "vote:changed") this.live.announcer.sayNews(t(`vote_now_${change.vote?.status}`), "vote");
  }

  show() {
    const had = document.activeElement;
    const next = had?.closest?.(".plenary-controls") ? FOCUS_AFTER[had.closest("#vote-form") ? "vote-form" : had.id] : null;
    this.showShare();
    this.showVote();
    if (next) handOnFocus(had, next.map((id) => document.getElementById(id)));
  }

  showShare() {
    const share = this.plenary.share;
    const { t } = this.words;
    document.getElementById("share-now").textContent = share
      ? t(`share_now_${share.source}`, { what: this.scopeText(share) })
      : t("share_none");
    document.getElementById("share-withdraw").hidden = !share;
  }

  scopeText({ scope, target_id: targetId }) {
    const { t, questionOf, sections } = this.words;
    if (scope === "question") {
      const question = questionOf.get(targetId);
      return question ? `${question.label} ${question.text}`.trim() : "";
    }
    if (scope === "section") {
      const section = sections.find((candidate) => candidate.id === targetId);
      return section ? `${section.label} ${section.heading}`.trim() : "";
    }
    return t("scope_all");
  }

  showVote() {
    const vote = this.plenary.vote;
    const { t } = this.words;
    const status = vote?.status ?? null;
    document.getElementById("vote-now").textContent = vote
      ? `${t(`vote_now_${status}`)} ${t("vote_settings", { dots: vote.dots_per_participant, max: vote.max_per_point })}`
      : t("vote_none");
    document.getElementById("vote-participation").textContent = vote ? this.participation(vote.voters ?? 0) : "";
    // A vote is open: its settings are fixed, only closing it makes sense.
    document.getElementById("vote-form").hidden = status === "open";
    document.getElementById("vote-close").hidden = status !== "open";
    document.getElementById("vote-reveal").hidden = status !== "closed";
    document.getElementById("vote-reopen").hidden = !status || status === "open";
    const results = this.plenary.resultRows();
    // No caption: the participation line above says already how many voted.
    document.getElementById("vote-totals").replaceChildren(...(results ? [resultsChart(results, this.words, { caption: false })] : []));
  }

  participation(voters) {
    const { t, counted, strings } = this.words;
    return voters ? counted(strings.participation, voters) : t("participation_none");
  }
}

function checked(name) {
  return document.querySelector(`input[name="${name}"]:checked`)?.value;
}
