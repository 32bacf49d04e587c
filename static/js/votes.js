// A participant's dots (docs/realtime.md, "Plenary events"): placed and taken back with buttons
// (keyboard and touch alike), how many are left always in view. Every dot gets its client id
// before it is sent and waits in the page's outbox with the notes until the server acknowledges
// it, so a reload or a lost Wi-Fi loses no dot; a refused dot stays listed with the reason. The
// participant's own dots come from the server (`mine`, in reads and acknowledgements) plus those
// still in the outbox. After the reveal (or with running totals) the ranked results show.
import { element, noteTextNodes } from "./live-ui.js";
import { newId } from "./outbox.js";
import { resultsChart } from "./vote-chart.js";

const PLACE = "dot:place";
const REMOVE = "dot:remove";
// The outbox sends the items about one thing in order: a dot's removal waits for its placing.
const aboutDot = (dotId) => `dot:${dotId}`;

export class DotVoting {
  constructor(live, plenary, words) {
    Object.assign(this, { live, plenary, words, outbox: live.outbox });
    this.section = document.getElementById("vote-section");
    live.client.sendsAlso(PLACE, {
      event: PLACE,
      payload: (item) => ({ id: item.dot_id, point_id: item.point_id }),
      acknowledged: (item, ack) => this.acknowledged(ack),
      refused: (item, error) => this.refused(item, error),
    });
    live.client.sendsAlso(REMOVE, {
      event: REMOVE,
      payload: (item) => ({ id: item.dot_id }),
      acknowledged: (item, ack) => this.acknowledged(ack),
      refused: (item, error) => this.refused(item, error),
    });
    this.outbox.onChange(() => this.show());
    plenary.onChange(() => this.show());
    this.section.addEventListener("click", (event) => this.clicked(event));
  }

  acknowledged(ack) {
    if (ack.mine) this.plenary.keepMine(ack.mine, ack.seq);
  }

  refused(item, error) {
    this.live.announcer.say(this.refusalText(item, error));
  }

  refusalText(item, error) {
    const reason = error?.message || error?.code || "";
    return this.words.t(item.op === PLACE ? "dot_not_counted" : "dot_not_taken_back", { point: this.pointText(item.point_id), reason });
  }

  // My dots in the current vote: the server's, then what the outbox will still do.
  myDots() {
    const vote = this.plenary.vote;
    const dots = new Map((this.plenary.mine?.dots ?? []).map((dot) => [dot.id, { ...dot, waiting: false }]));
    for (const item of this.outbox.items()) {
      if (item.vote_id !== vote?.id || item.status === "failed") continue;
      if (item.op === PLACE) dots.set(item.dot_id, { id: item.dot_id, point_id: item.point_id, waiting: true });
      if (item.op === REMOVE) dots.delete(item.dot_id);
    }
    return [...dots.values()];
  }

  refusedDots() {
    return this.outbox.items().filter((item) => (item.op === PLACE || item.op === REMOVE) && item.status === "failed");
  }

  pointText(pointId) {
    const point = this.plenary.vote?.points.find((candidate) => candidate.id === pointId);
    return point ? point.text.split("\n")[0] : "";
  }

  clicked(event) {
    const button = event.target.closest("button[data-dot]");
    if (!button) return;
    const pointId = Number(button.dataset.pointId);
    if (button.dataset.dot === "place") this.place(pointId);
    else if (button.dataset.dot === "remove") this.takeBack(pointId);
    else if (button.dataset.dot === "discard") this.dismiss(button.dataset.opId);
  }

  // A refused placing takes with it what waits behind it for the same dot (its taking back).
  dismiss(opId) {
    const refused = this.outbox.items().find((item) => item.op_id === opId);
    if (!refused) return;
    const gone = refused.op === PLACE
      ? this.outbox.items().filter((item) => item.note_id === refused.note_id)
      : [refused];
    for (const item of gone) this.outbox.discard(item.op_id);
    // The button is gone: the focus goes to the next refusal, or back to the vote.
    (document.querySelector("#vote-refused button") ?? document.getElementById("vote-heading")).focus();
  }

  place(pointId) {
    const vote = this.plenary.vote;
    if (vote?.status !== "open") return;
    const mine = this.myDots();
    const { t } = this.words;
    if (mine.length >= vote.dots_per_participant) return this.live.announcer.say(t("no_dots_left"));
    if (mine.filter((dot) => dot.point_id === pointId).length >= vote.max_per_point) {
      return this.live.announcer.say(t("dot_cap_reached", { max: vote.max_per_point }));
    }
    const id = newId();
    this.outbox.enqueue({ op: PLACE, op_id: id, note_id: aboutDot(id), dot_id: id, point_id: pointId, vote_id: vote.id });
    this.sayLeft("dot_placed", pointId);
  }

  takeBack(pointId) {
    const vote = this.plenary.vote;
    const onPoint = this.myDots().filter((dot) => dot.point_id === pointId);
    if (vote?.status !== "open" || !onPoint.length) return;
    const dot = onPoint.at(-1);
    const placing = this.outbox.items().find((item) => item.op === PLACE && item.dot_id === dot.id);
    // Never sent: forgetting it is the whole taking back.
    if (placing && !placing.sent) this.outbox.discard(placing.op_id);
    else this.outbox.enqueue({ op: REMOVE, op_id: newId(), note_id: aboutDot(dot.id), dot_id: dot.id, point_id: pointId, vote_id: vote.id });
    this.sayLeft("dot_taken_back", pointId);
  }

  sayLeft(key, pointId) {
    const left = this.plenary.vote.dots_per_participant - this.myDots().length;
    const { t, counted, strings } = this.words;
    this.live.announcer.say(`${t(key, { point: this.pointText(pointId) })} ${counted(strings.dots_left, left)}`);
  }

  // --- drawing

  show() {
    const vote = this.plenary.vote;
    this.section.hidden = !vote;
    if (!vote) return;
    const { t, counted, strings } = this.words;
    const mine = this.myDots();
    const left = vote.dots_per_participant - mine.length;
    document.getElementById("vote-state").textContent = t(`vote_${vote.status}`, { dots: vote.dots_per_participant, max: vote.max_per_point });
    const leftText = document.getElementById("dots-left");
    leftText.hidden = vote.status !== "open";
    leftText.textContent = counted(strings.dots_left_of, left, { total: vote.dots_per_participant });
    this.showPoints(vote, mine);
    document.getElementById("vote-refused").replaceChildren(...this.refusedDots().map((item) => this.refusedRow(item)));
    const results = this.plenary.resultRows();
    const chart = document.getElementById("vote-results");
    chart.hidden = !results;
    chart.replaceChildren(...(results ? [element("h3", { text: t(vote.status === "revealed" ? "results_heading" : "totals_heading") }), resultsChart(results, this.words)] : []));
    this.placeResults(chart, vote.status !== "open");
  }

  // While the vote is open the points and their buttons come first; once it is closed the
  // results are the news, and my dots follow them under their own heading.
  placeResults(chart, closed) {
    const mine = document.getElementById("vote-mine-heading");
    mine.hidden = !closed;
    if (closed && chart.nextElementSibling !== mine) this.section.insertBefore(chart, mine);
    if (!closed && this.section.lastElementChild !== chart) this.section.append(chart);
  }

  // The points are drawn once per vote and state; after that only their numbers change, so a
  // button being pressed (Space clicks on key-up) is never swapped for another under the finger.
  showPoints(vote, mine) {
    const list = document.getElementById("vote-points");
    const key = `${vote.id}:${vote.status}:${vote.points.length}`;
    if (list.dataset.drawn !== key) {
      list.replaceChildren(...this.questionParts(vote));
      list.dataset.drawn = key;
    }
    const { t, counted, strings } = this.words;
    for (const row of list.querySelectorAll("li.vote-point")) {
      const pointId = Number(row.dataset.pointId);
      const own = mine.filter((dot) => dot.point_id === pointId);
      row.querySelector(".dots").textContent = "●".repeat(own.length);
      row.querySelector(".dots-text").textContent = counted(strings.your_dots, own.length);
      row.querySelector(".dot-waiting").textContent = own.some((dot) => dot.waiting) ? ` · ${t("dot_waiting")}` : "";
      const full = own.length >= vote.max_per_point || mine.length >= vote.dots_per_participant;
      setDisabled(row.querySelector('button[data-dot="place"]'), full);
      setDisabled(row.querySelector('button[data-dot="remove"]'), !own.length);
    }
  }

  // The points under their questions, in the vote's order: a vote may mix several questions,
  // and a point's group alone does not say what it answers.
  questionParts(vote) {
    const questionIds = [...new Set(vote.points.map((point) => point.question_id))];
    // Once closed the questions stand under "Your dots" (h3).
    const level = vote.status === "open" ? 3 : 4;
    return questionIds.map((questionId) => {
      const headingId = `vote-question-${questionId}`;
      const points = vote.points.filter((point) => point.question_id === questionId);
      return element("section", { class: "vote-question" },
        element(`h${level}`, { id: headingId, class: "vote-question-heading" }, ...this.questionTitle(vote, questionId)),
        element("ol", { class: "vote-points", "aria-labelledby": headingId }, ...points.map((point) => this.pointRow(point, vote))));
    });
  }

  // Its number and text: the vote names its questions (a page may know only its own group's);
  // the page's own words and the share are the fallbacks.
  questionTitle(vote, questionId) {
    const byId = (question) => question.id === questionId;
    const named = vote.questions?.find(byId) ?? this.words.questionOf.get(questionId)
      ?? this.plenary.share?.questions?.find(byId);
    const text = named?.text || "";
    return [element("span", { class: "question-number", text: named?.label || "" }), text ? ` ${text}` : ""];
  }

  pointRow(point, vote) {
    const { t } = this.words;
    const textId = `vote-point-${point.id}-text`;
    const group = this.words.groupName(point.group_id);
    return element("li", { class: "vote-point", "data-point-id": point.id },
      element("div", { class: "vote-point-text", id: textId, dir: "auto" }, ...noteTextNodes(point.text)),
      group ? element("p", { class: "vote-point-group", text: group }) : null,
      element("p", { class: "vote-point-mine" },
        element("span", { class: "dots", "aria-hidden": "true" }), " ",
        element("span", { class: "dots-text" }),
        element("span", { class: "dot-waiting" })),
      vote.status === "open" ? element("div", { class: "actions" },
        element("button", { type: "button", "data-dot": "place", "data-point-id": point.id, "aria-describedby": textId, text: t("add_dot") }),
        element("button", { type: "button", class: "secondary", "data-dot": "remove", "data-point-id": point.id, "aria-describedby": textId, text: t("take_back_dot") })) : null);
  }

  refusedRow(item) {
    const id = `refused-${item.op_id}`;
    return element("li", { class: "dot-refused" },
      element("p", { id, text: this.refusalText(item, item.error) }),
      element("button", { type: "button", class: "secondary", "data-dot": "discard", "data-op-id": item.op_id, "aria-describedby": id, text: this.words.t("dismiss") }));
  }
}

// Still focusable and pressable (it then says why nothing happens), but marked as unavailable.
function setDisabled(button, disabled) {
  if (!button) return;
  if (disabled) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}
