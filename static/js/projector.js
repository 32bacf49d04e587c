// The projector: the room's screen, read only. What it shares with the other live pages is in
// live-page.js (connection, catch-up, badge, announcements); what is its own: no outbox (it
// writes nothing), the display role, and large type — before the start the join code and QR
// code, in a round the step's questions and a big timer, in a plenary one question at a time
// with every group's points, paged by the facilitator from the dashboard.
import { LivePage } from "./live-page.js";
import { element, renderNoteText } from "./live-ui.js";
import { Countdown, Room, followRoom, showRoomNow } from "./room.js";
import { ProjectorPlenary } from "./projector-plenary.js";
import { followJoinCode, joinLinkWith, joinQrShower } from "./join-code.js";
import { OutlineReader, refillById } from "./outline-reader.js";

const live = new LivePage({ role: "display", person: () => "display", readOnly: true });
const { page, t, store } = live;
const questionOf = new Map(page.questions.map((question) => [question.id, question]));
const questionLabel = (question) => question.full_label;

const room = new Room({
  state: page.room?.room,
  seq: page.room?.last_seq,
  now: page.room?.now,
  storageKey: `workshop:${page.workshop_id}:display:room`,
});
const countdown = new Countdown({ room, element: document.getElementById("timer"), onMoment: (moment) => live.sayNews(moment, {}, "timer") });
const plenary = new ProjectorPlenary(live, room);

function show() {
  const step = room.running ? room.step : null;
  const running = room.state.plan?.status === "running";
  document.getElementById("projector-welcome").hidden = running;
  // Latecomers still need the way in once the steps have begun; a closed workshop takes nobody.
  document.getElementById("join-band").hidden = !running || live.status === "closed";
  showRoomNow(room, t);
  countdown.show();
  showQuestions(step?.kind === "group_round" ? step.question_ids : []);
  // A share or a vote takes the screen from the plenary's own question.
  showPlenary(step?.kind === "plenary" && !plenary.showing ? room.state.plenary : null);
}

function questionLine(question) {
  return element("li", {},
    element("span", { class: "question-number", text: questionLabel(question) }), " ",
    element("span", { text: question.text }));
}

function showQuestions(questionIds) {
  const questions = questionIds.map((id) => questionOf.get(id)).filter(Boolean);
  document.getElementById("projector-questions").hidden = !questions.length;
  document.getElementById("projector-question-list").replaceChildren(...questions.map(questionLine));
}

// One question, and every group's points on it, in the groups' order.
function showPlenary(plenary) {
  const section = document.getElementById("projector-plenary");
  const question = plenary ? questionOf.get(plenary.question_id) : null;
  section.hidden = !question;
  if (!question) return;
  document.getElementById("plenary-place").textContent = t("question_place", { position: plenary.position, count: plenary.count });
  const heading = document.getElementById("plenary-question");
  heading.replaceChildren(element("span", { class: "question-number", text: questionLabel(question) }), " ", question.text);
  const notes = store.where((note) => note.question_id === question.id);
  const groups = page.groups.map((group) => groupPoints(group, notes.filter((note) => note.group_id === group.id)));
  document.getElementById("plenary-groups").replaceChildren(...groups);
}

function groupPoints(group, notes) {
  const points = notes.map((note) => {
    const text = element("div", { class: "note-text" });
    renderNoteText(text, note.text);
    return element("li", {}, text, note.author_name ? element("p", { class: "note-author", text: note.author_name }) : null);
  });
  return element("section", { class: "plenary-group", "aria-label": group.name },
    element("h3", { text: group.name }),
    points.length ? element("ul", { class: "points" }, ...points) : element("p", { class: "muted", text: t("no_points") }));
}

// A new join code (the facilitator renewed it): the join box and the band show it at once, and
// the QR code is fetched anew — the old one would open a link that no longer works.
let joinLink = page.join.link;
const showJoinQr = joinQrShower(document.querySelector("#projector-welcome .join-qr"), page.join.qr_url);
function showJoinCode(code) {
  joinLink = joinLinkWith(joinLink, code);
  document.querySelector("#projector-welcome .join-link").textContent = joinLink;
  document.querySelector("#projector-welcome .join-code").textContent = code;
  document.querySelector("#join-band .join-band-address").textContent = t("join_address", { link: joinLink.split("://").pop() });
  document.querySelector("#join-band .join-band-code").textContent = t("join_band_code", { code });
  showJoinQr(code);
}

// The outline changed: the questions' numbers and words, and the room's steps and plenary that
// name them, read again (by the access this page was opened with) and drawn at once.
function redrawOutline(body, sent, received) {
  refillById(questionOf, body.questions);
  Object.assign(plenary.words, body.plenary);
  refillById(plenary.words.questionOf, body.plenary.questions);
  room.load({ ok: true, ...body.room }, sent, received);
  show();
  plenary.show();
}
const outlineReader = new OutlineReader({ url: page.outline_url, redraw: redrawOutline });

room.onChange(show);
plenary.plenary.onChange(show);
Object.assign(live.on, {
  // The join band comes or goes with the status: the vote is fitted again to the room left.
  status: () => { show(); plenary.show(); },
  note: () => show(),
  refresh: () => show(),
  outline: () => outlineReader.changed(),
});
followJoinCode(live, showJoinCode);
show();
live.start();
followRoom(live, room);
plenary.start();
