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
    document.getElementById("projector-share").hidden = !share;
    document.getElementById("projector-share-points").replaceChildren(...(share ? shareView(share, this.words, 3) : []));
    this.showVote(this.voteShown ? vote : null);
  }

  showVote(vote) {
    const { t } = this.words;
    const section = document.getElementById("projector-vote");
    section.hidden = !vote;
    if (!vote) return;
    document.getElementById("projector-vote-state").textContent = t(`vote_${vote.status}`, { dots: vote.dots_per_participant, max: vote.max_per_point });
    const results = this.plenary.resultRows();
    const heading = vote.status === "revealed" ? "results_heading" : "totals_heading";
    document.getElementById("projector-results").replaceChildren(
      ...(results ? [element("h2", { text: t(heading) }), resultsChart(results, this.words)] : []));
  }
}
