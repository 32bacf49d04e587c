// The plenary on the projector: what the facilitator shares (every group's points, by group, in
// large type) and, once revealed, the vote's ranked bars. Read only, like the whole projector.
import { element } from "./live-ui.js";
import { Plenary, followPlenary, plenaryWords, shareView } from "./plenary.js";
import { resultsChart } from "./vote-chart.js";

// The room changes that page the plenary's own question onto the screen.
const PAGING = ["plenary:changed", "step:changed"];

export class ProjectorPlenary {
  constructor(live, room) {
    this.live = live;
    this.words = plenaryWords(live);
    this.plenary = new Plenary(room, `workshop:${live.page.workshop_id}:display:plenary`);
    // The latest thing the facilitator did takes the screen: a vote (opened, closed, revealed)
    // until they page the plenary again. On load: an unrevealed vote, or one revealed in this step.
    const vote = this.plenary.vote;
    const revealedNow = vote?.revealed_at && Date.parse(vote.revealed_at) >= Date.parse(room.step?.started_at ?? 0);
    this.voteSeq = vote && (vote.status !== "revealed" || revealedNow) ? 1 : 0;
    this.pagedSeq = 0;
    room.onChange((change) => {
      if (PAGING.includes(change.kind)) this.pagedSeq = change.seq;
    });
    this.plenary.onChange((change) => {
      if (change.kind === "vote:changed") this.voteSeq = change.seq;
      this.show();
    });
  }

  start() {
    followPlenary(this.live, this.plenary);
    // What fits depends on the window: fitted again when the projector's window changes size.
    window.addEventListener("resize", () => this.show());
    this.show();
  }

  get voteShown() {
    return Boolean(this.plenary.vote) && this.voteSeq > this.pagedSeq;
  }

  // True while the plenary has something of its own to show (the page then hides the rest).
  get showing() {
    return Boolean(this.plenary.share) || this.voteShown;
  }

  show() {
    const { share, vote } = this.plenary;
    // Revealed results take the whole screen (a projector cannot scroll): the shared points that
    // were voted on come back when the facilitator pages the plenary again.
    const resultsShown = this.voteShown && Boolean(this.plenary.resultRows());
    document.getElementById("projector-share").hidden = !share || resultsShown;
    // Shared points are what the room reads now: the heading above them shrinks, as for results.
    document.body.classList.toggle("showing-points", Boolean(share) && !resultsShown);
    document.getElementById("projector-share-points").replaceChildren(...(share ? shareView(share, this.words, 3) : []));
    this.showVote(this.voteShown ? vote : null);
  }

  showVote(vote) {
    const { t } = this.words;
    const section = document.getElementById("projector-vote");
    section.hidden = !vote;
    const results = vote && this.plenary.resultRows();
    // The bars need the screen's height: the room's heading above them shrinks to one line.
    document.body.classList.toggle("showing-results", Boolean(results));
    if (!vote) return;
    const state = document.getElementById("projector-vote-state");
    state.textContent = t(`vote_${vote.status}`, { dots: vote.dots_per_participant, max: vote.max_per_point });
    // "The vote is over. Here are the results." says no more than the heading "Results".
    state.hidden = vote.status === "revealed" && Boolean(results);
    const heading = vote.status === "revealed" ? "results_heading" : "totals_heading";
    const box = document.getElementById("projector-results");
    box.replaceChildren(...(results ? [element("h2", { text: t(heading) }), resultsChart(results, this.words)] : []));
    fitBars(box, this.words);
  }
}

// From this many points on, bars that do not fit in one column are set in two.
const TWO_COLUMNS_FROM = 6;

// A projector cannot scroll: the ranked bars are fitted to the screen above the join band — in
// two columns when there are many — and when even so they run past it, the top ones are shown
// with "+N more points" in words below them. The table for screen readers keeps every point.
export function fitBars(box, words) {
  const list = box.querySelector(".vote-bars");
  if (!list) return;
  const rows = [...list.children];
  const more = element("p", { class: "vote-more", hidden: true });
  list.after(more);
  // The page's main ends where the join band begins (at the window's bottom without it).
  const bottom = Math.min(window.innerHeight, box.closest("main")?.getBoundingClientRect().bottom ?? Infinity);
  const fits = () => box.getBoundingClientRect().bottom <= bottom;
  if (fits()) return;
  if (rows.length >= TWO_COLUMNS_FROM) list.classList.add("two-columns");
  let shown = rows.length;
  const setRows = () => list.style.setProperty("--rows", String(Math.ceil(shown / 2)));
  setRows();
  while (!fits() && shown > 1) {
    shown -= 1;
    rows[shown].hidden = true;
    setRows();
    more.hidden = false;
    more.textContent = words.counted(words.strings.more_points, rows.length - shown);
  }
}
