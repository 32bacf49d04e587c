// The plenary on the projector: what the facilitator shares (every group's points, by group, in
// large type) and, once revealed, the vote's ranked bars. Read only, like the whole projector.
import { element } from "./live-ui.js";
import { Plenary, followPlenary, plenaryWords, shareView } from "./plenary.js";
import { resultsChart } from "./vote-chart.js";

export class ProjectorPlenary {
  constructor(live, room) {
    this.live = live;
    this.words = plenaryWords(live);
    this.plenary = new Plenary(room, `workshop:${live.page.workshop_id}:display:plenary`);
    this.plenary.onChange(() => this.show());
  }

  start() {
    followPlenary(this.live, this.plenary);
    this.show();
  }

  // True while the plenary has something of its own to show (the page then hides the rest).
  get showing() {
    return Boolean(this.plenary.share || this.plenary.vote);
  }

  show() {
    const { share, vote } = this.plenary;
    document.getElementById("projector-share").hidden = !share;
    document.getElementById("projector-share-points").replaceChildren(...(share ? shareView(share, this.words, 3) : []));
    this.showVote(vote);
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
