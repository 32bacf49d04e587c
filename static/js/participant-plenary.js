// The plenary on the participant's page: every group's shared points (read only, live, by group),
// the dot vote (votes.js) and, after the meeting, the annex published to participants. Nothing of
// another group is on this page until the facilitator shares it: it comes only inside the share.
import { element } from "./live-ui.js";
import { Plenary, followPlenary, plenaryWords, shareView } from "./plenary.js";
import { DotVoting } from "./votes.js";

export class ParticipantPlenary {
  // room: the page's Room (participant-room.js). Made before live.start(): the outbox may hold
  // dots from before a reload, and they go out at the first connect.
  constructor(live, room) {
    this.live = live;
    this.words = plenaryWords(live);
    this.plenary = new Plenary(room, `workshop:${live.page.workshop_id}:participant:${live.page.participant_id}:plenary`);
    this.voting = new DotVoting(live, this.plenary, this.words);
    this.plenary.onChange((change, catchingUp) => this.changed(change, catchingUp));
  }

  start() {
    followPlenary(this.live, this.plenary);
    // My dots placed on another device of mine (not a change of the feed: no seq order to keep).
    this.live.client.socket.on("vote:mine", (message) => this.plenary.mineArrived(message));
    this.show();
  }

  changed(change, catchingUp) {
    this.show();
    if (catchingUp) return;
    const { t } = this.words;
    if (change.kind === "share:changed") this.live.announcer.sayNews(t(this.shareNews(change)), "share");
    if (change.kind === "share:point" && change.op === "added" && change.point.group_id !== this.live.page.group_id) {
      this.live.announcer.sayNews(t("announce_point_shared", { group: change.point.group_name || t("several_groups") }));
    }
    if (change.kind === "vote:changed") this.live.announcer.sayNews(t(`announce_vote_${change.vote?.status}`), "vote");
    if (change.kind === "annex:published") this.live.announcer.sayNews(t(change.publication ? "announce_published" : "announce_unpublished"), "publication");
  }

  shareNews(change) {
    if (!change.share) return "announce_share_withdrawn";
    return this.plenary.shareRefreshed ? "announce_share_updated" : "announce_shared";
  }

  show() {
    this.showShare();
    this.voting.show();
    this.showPublication();
  }

  showShare() {
    const share = this.plenary.share;
    document.getElementById("shared-section").hidden = !share;
    document.getElementById("shared-points").replaceChildren(...(share ? shareView(share, this.words) : []));
  }

  showPublication() {
    const publication = this.plenary.publication;
    const { t } = this.words;
    document.getElementById("published-section").hidden = !publication;
    if (!publication) return;
    document.getElementById("published-text").textContent = t("published_version", { version: publication.version });
    document.getElementById("published-links").replaceChildren(
      element("li", {}, element("a", { href: `/w/${this.live.page.workshop_id}/annex`, text: t("read_annex") })),
      ...Object.entries(publication.downloads ?? {}).map(([format, href]) =>
        element("li", {}, element("a", { href, download: "", text: t(`download_${format}`) }))));
  }
}
