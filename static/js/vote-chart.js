// The ranked results of a vote as a picture: a horizontal bar per point (its text, its dots and
// the share of voters who gave it any), most dots first. The bars are for the eye and hidden from
// screen readers; a real table with the same numbers is for them. The server-rendered twin, for
// the annex page, is templates/votes/_chart.html.
import { element, noteTextNodes } from "./live-ui.js";

// The share of voters as a whole percent, as the page's language writes it ("40 %" in Danish).
export function percentText(part, whole, language) {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

// rows: [{id, text, dots, voters, rank}] ranked by the server; voters: how many people voted.
// A row may carry `groups` ([{group_id, dots}], a named workshop's breakdown). words: the page's
// plenary words (t, counted, strings, language, groupName). caption: false where the page says
// how many voted already (the dashboard's participation line).
export function resultsChart({ rows, voters }, words, { caption = true } = {}) {
  const { t, counted, strings, language } = words;
  if (!rows.length) return element("p", { class: "muted vote-chart-empty", text: t("chart_empty") });
  const most = Math.max(1, ...rows.map((row) => row.dots));
  // Before anyone has voted a share of voters means nothing: "0 %" would be read as a result.
  const shown = rows.map((row) => ({
    ...row, share: voters > 0 ? percentText(row.voters ?? 0, voters, language) : null, width: (row.dots / most) * 100, byGroup: breakdown(row, words),
  }));
  const bar = (row) => barRow(row, {
    dots: counted(strings.chart_dots_count, row.dots), chosenBy: row.share && t("chart_chosen_by", { share: row.share }),
  });
  return element("figure", { class: "vote-chart" },
    caption ? element("figcaption", { text: counted(strings.chart_caption, voters) }) : null,
    element("ol", { class: "vote-bars", "aria-hidden": "true" }, ...shown.map(bar)),
    resultsTable(shown, t, shown.some((row) => row.groups)));
}

// "Group 1: 3, Group 2: 2", or null without a breakdown.
function breakdown(row, { t, groupName }) {
  if (!row.groups?.length) return null;
  return row.groups.map((group) => t("by_group_item", { group: groupName(group.group_id), dots: group.dots })).join(", ");
}

// A point's text as everywhere else: its "- " lines a nested list under it.
function pointText(tag, attributes, text) {
  return element(tag, { ...attributes, dir: "auto" }, ...noteTextNodes(text));
}

// A bar's length is its dots against the most any point got; the share of voters who chose it
// stands in words below, so "100 %" is never read as the bar's length.
function barRow(row, { dots, chosenBy }) {
  const bar = element("span", { class: "vote-bar" });
  bar.style.width = `${row.width}%`;
  const details = [chosenBy, row.byGroup && element("span", { class: "vote-bar-groups", text: row.byGroup })].filter(Boolean);
  return element("li", { class: "vote-bar-row", "data-point-id": row.id },
    pointText("div", { class: "vote-bar-text" }, row.text),
    element("span", { class: "vote-bar-track" }, bar),
    element("strong", { class: "vote-bar-dots", text: dots }),
    details.length ? element("span", { class: "vote-bar-detail" }, ...details.flatMap((part, index) => (index ? [" · ", part] : [part]))) : null);
}

function resultsTable(rows, t, withGroups) {
  const columns = ["chart_rank", "chart_point", "chart_dots", "chart_share", ...(withGroups ? ["chart_by_group"] : [])];
  const header = element("tr", {}, ...columns.map((key) => element("th", { scope: "col", text: t(key) })));
  const body = rows.map((row) => element("tr", {},
    element("td", { text: String(row.rank) }),
    pointText("th", { scope: "row" }, row.text),
    element("td", { text: String(row.dots) }),
    element("td", { text: row.share ?? "–" }),
    withGroups ? element("td", { text: row.byGroup ?? "" }) : null));
  // Hidden in a wrapper: a table is as wide as its cells whatever its own width says, and
  // would widen the page (a sideways scroll on a phone) where the wrapper clips it.
  const table = element("table", { class: "vote-table" },
    element("thead", {}, header), element("tbody", {}, ...body));
  return element("div", { class: "visually-hidden" }, table);
}
