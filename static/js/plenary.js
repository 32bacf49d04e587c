// The plenary as a live page knows it (docs/realtime.md, "Plenary: share and vote"): what is
// shared with everyone, the vote with its results, and the annex published to participants. Part
// of the room object: it comes with `room:state` at every connect, then as its own changes in
// seq order (through LiveClient, like every change of the feed). Shared by the three live pages.
import { element, keep, noteTextNodes, readKept, readPageData, translator } from "./live-ui.js";

export const PLENARY_KINDS = ["share:changed", "share:point", "vote:changed", "vote:dot", "dots:changed", "dots:counted", "annex:published"];

export class Plenary {
  // storageKey: where this browser keeps the plenary between loads, so that a page reloaded
  // from the offline cache (older than what this browser saw) shows the vote and my dots.
  constructor(room, storageKey, storage = globalThis.localStorage) {
    Object.assign(this, { room, storageKey, storage });
    this.listeners = new Set();
    this.seq = 0;
    this.state = {};
    this.mine = null; // a participant's own dots {dots: [{id, point_id}], left}, from reads and acks
    this.takeRoom();
    const stored = this.stored();
    if (stored && stored.seq > this.seq) Object.assign(this, { seq: stored.seq, state: stored.state, mine: stored.mine });
  }

  stored() {
    return readKept(this.storage, this.storageKey);
  }

  save() {
    keep(this.storage, this.storageKey, { seq: this.seq, state: this.state, mine: this.mine });
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  notify(change, catchingUp = false) {
    this.save();
    for (const listener of this.listeners) listener(change, catchingUp);
  }

  // seq: the dot write's, from an acknowledgement or `vote:mine` — an older one is not applied
  // over a newer (two devices' dots may be answered out of order).
  keepMine(mine, seq = 0) {
    if (seq && seq < (this.mineSeq ?? 0)) return;
    if (seq) this.mineSeq = seq;
    this.mine = mine;
    this.save();
  }

  // Another device of this participant placed or took back a dot (`vote:mine`).
  mineArrived(message) {
    if (message?.vote_id !== this.vote?.id) return;
    this.keepMine(message.mine, message.seq);
    this.notify({ kind: "vote:mine" });
  }

  get share() { return this.state.share ?? null; }
  get vote() { return this.state.vote ?? null; }
  get publication() { return this.state.publication ?? null; }

  // From the room (the page's data, or a `room:state` answer): unless newer changes were applied.
  // My dots in it replace mine only if the read is newer than them: a read answered between two
  // of my dot writes (a reconnect's) must not undo the later one, which `vote:mine` or an
  // acknowledgement already brought (participants get no change of the feed for a dot).
  takeRoom() {
    if (this.room.seq < this.seq) return false;
    const { share = null, vote = null, publication = null } = this.room.state;
    const sameVote = vote?.id === this.state.vote?.id;
    this.state = { share, vote, publication };
    this.seq = this.room.seq;
    if (vote?.mine && (!sameVote || this.room.seq >= (this.mineSeq ?? 0))) {
      Object.assign(this, { mine: vote.mine, mineSeq: this.room.seq });
    } else if (!vote) this.mine = null;
    return true;
  }

  load() {
    if (this.takeRoom()) this.notify({ kind: "room:state" }, true);
  }

  apply(change, catchingUp = false) {
    if (!PLENARY_KINDS.includes(change?.kind) || (change.seq ?? 0) <= this.seq) return;
    this.seq = change.seq;
    // A dot placed or taken back (facilitators): its totals follow as dots:counted/dots:changed.
    if (change.kind === "vote:dot") return;
    if (change.kind === "share:changed") this.shareChanged(change);
    else if (change.kind === "share:point") this.pointChanged(change);
    else if (change.kind === "annex:published") this.state.publication = change.publication;
    else if (change.kind === "vote:changed") this.voteChanged(change);
    else if (change.vote_id === this.vote?.id) this.state.vote = { ...this.vote, ...tallyOf(change) };
    this.notify(change, catchingUp);
  }

  shareChanged(change) {
    // The same share again: the facilitator's annex edits, followed by a curated share.
    this.shareRefreshed = Boolean(change.share && change.share.id === this.share?.id);
    this.state.share = change.share;
  }

  // A raw share follows its notes: a point added, edited or deleted, applied by its id (so a
  // change the last read already showed does no harm).
  pointChanged({ op, point }) {
    const share = this.share;
    if (share?.source !== "raw" || !share.question_ids.includes(point?.question_id)) return;
    this.state.share = { ...share, points: followed(share.points, op, point) };
  }

  voteChanged(change) {
    if (change.vote?.id !== this.vote?.id) this.mine = null; // a new vote: no dots of mine yet
    // Broadcasts never carry `mine`: keep what the reads and acknowledgements said.
    this.state.vote = change.vote;
    // Opening with the step's timer started it: that is the room's timer too.
    if (change.timer) this.room.apply({ seq: change.seq, kind: "timer:changed", timer: change.timer });
  }

  // The vote's points ranked with their results (when this reader may see them): chart rows.
  resultRows() {
    const vote = this.vote;
    if (!vote?.results) return null;
    const pointOf = new Map(vote.points.map((point) => [point.id, point]));
    const rows = vote.results
      .filter((result) => pointOf.has(result.point_id))
      .map((result) => ({ ...pointOf.get(result.point_id), ...result, id: result.point_id, groups: dotsByGroup(vote, result.point_id) }));
    return { rows, voters: vote.voters ?? 0 };
  }
}

// The share's points with one point added (at the end), replaced or taken out.
function followed(points, op, point) {
  if (op === "deleted") return points.filter((known) => known.id !== point.id);
  const at = points.findIndex((known) => known.id === point.id);
  return at < 0 ? [...points, point] : points.map((known, index) => (index === at ? point : known));
}

// What a dots change tells: the counts, and (a named workshop, facilitators) the groups' dots.
function tallyOf(change) {
  const tally = { results: change.results, voters: change.voters };
  if (change.by_group) tally.by_group = change.by_group;
  return tally;
}

// A point's dots per group — only in a named workshop (the server sends `by_group` only there):
// [{group_id, dots}], or null.
function dotsByGroup(vote, pointId) {
  if (!vote.by_group) return null;
  return Object.entries(vote.by_group[String(pointId)] ?? {}).map(([groupId, dots]) => ({ group_id: Number(groupId), dots }));
}

// Keeps a page's Plenary up to date over its LiveClient, as followRoom does for the room.
export function followPlenary(live, plenary) {
  live.store.onChange((change) => plenary.apply(change, live.client.catchingUp));
  for (const kind of PLENARY_KINDS) live.client.socket.on(kind, (change) => live.client.arrived(change));
  plenary.room.onChange((change) => {
    if (change.kind === "room:state") plenary.load();
  });
}

// The plenary's words and the outline's questions (templates/live/_plenary_data.html), with the
// live page's language and plural forms.
export function plenaryWords(live) {
  const data = readPageData("plenary-data");
  const language = live.page.language;
  return {
    ...data,
    language,
    t: translator(data.strings, language),
    counted: live.counted,
    questionOf: new Map(data.questions.map((question) => [question.id, question])),
    groupName: (groupId) => data.groups.find((group) => group.id === groupId)?.name ?? "",
  };
}

// What is shared: per question, every group's points under the group's name (authors only when
// the server sent them: a named workshop). Read only.
export function shareView(share, words, headingLevel = 3) {
  const { t, questionOf } = words;
  return share.question_ids.map((questionId) => {
    // The page may know only its own group's questions: the share names the others.
    const known = questionOf.get(questionId);
    const question = known?.text ? known : (share.questions?.find((q) => q.id === questionId) ?? known);
    const points = share.points.filter((point) => point.question_id === questionId);
    return element("section", { class: "shared-question", "data-question-id": questionId },
      element(`h${headingLevel}`, {},
        element("span", { class: "question-number", text: question?.label ?? "" }), " ", question?.text ?? ""),
      points.length ? groupsOf(points, words, headingLevel + 1) : element("p", { class: "muted", text: t("share_no_points") }));
  });
}

function groupsOf(points, words, headingLevel) {
  const groups = new Map();
  for (const point of points) {
    const key = point.group_id ?? "";
    if (!groups.has(key)) groups.set(key, { name: point.group_name || words.t("several_groups"), points: [] });
    groups.get(key).points.push(point);
  }
  return element("div", { class: "shared-groups" }, ...[...groups.values()].map(({ name, points: list }) =>
    element("section", { class: "shared-group" },
      element(`h${Math.min(headingLevel, 6)}`, { text: name }),
      element("ul", { class: "shared-points" }, ...list.map((point) => element("li", { dir: "auto" },
        ...noteTextNodes(point.text),
        point.author_name ? element("p", { class: "note-author", text: point.author_name }) : null))))));
}
