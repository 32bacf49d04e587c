// The ranked results of a vote as a picture: a horizontal bar per point (its text, its dots and
// the share of voters who gave it any), longest first. The bars are for the eye and hidden from
// screen readers; a real table with the same numbers is for them (docs/realtime.md, "Voting").
// The server-rendered twin for pages without script is templates/votes/_chart.html.
import { element } from "./live-ui.js";

// Highest dots first; ties keep the order the points came in (the server's order).
export function rankedResults(points) {
  return points
    .map((point, index) => ({ point, index }))
    .sort((a, b) => (b.point.dots - a.point.dots) || (a.index - b.index))
    .map(({ point }) => point);
}

// The share of voters as a whole percent ("40 %" as the page's language writes it).
export function percentText(part, whole, language) {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

// results: {points: [{id, text, dots, voters}], voters}; t: the page's translator with the
// keys chart_caption, chart_rank, chart_point, chart_dots, chart_share, chart_empty.
export function resultsChart(results, t, language) {
  const points = rankedResults(results?.points ?? []);
  if (!points.length) return element("p", { class: "muted vote-chart-empty", text: t("chart_empty") });
  const most = Math.max(1, ...points.map((point) => point.dots));
  const voters = results.voters ?? 0;
  const rows = points.map((point, index) => ({
    point, rank: index + 1, share: percentText(point.voters ?? 0, voters, language), width: (point.dots / most) * 100,
  }));
  return element("figure", { class: "vote-chart" },
    element("figcaption", { text: t("chart_caption", { count: voters }) }),
    element("ol", { class: "vote-bars", "aria-hidden": "true" }, ...rows.map(barRow)),
    resultsTable(rows, t));
}

function barRow({ point, share, width }) {
  const bar = element("span", { class: "vote-bar" });
  bar.style.width = `${width}%`;
  return element("li", { class: "vote-bar-row", "data-point-id": point.id },
    element("span", { class: "vote-bar-text", dir: "auto", text: point.text }),
    element("span", { class: "vote-bar-track" }, bar),
    element("span", { class: "vote-bar-numbers" },
      element("strong", { class: "vote-bar-dots", text: String(point.dots) }), " · ", share));
}

function resultsTable(rows, t) {
  const header = element("tr", {},
    ...["chart_rank", "chart_point", "chart_dots", "chart_share"].map((key) => element("th", { scope: "col", text: t(key) })));
  const body = rows.map(({ point, rank, share }) => element("tr", {},
    element("td", { text: String(rank) }),
    element("th", { scope: "row", dir: "auto", text: point.text }),
    element("td", { text: String(point.dots) }),
    element("td", { text: share })));
  return element("table", { class: "visually-hidden vote-table" },
    element("thead", {}, header), element("tbody", {}, ...body));
}
