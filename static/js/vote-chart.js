// The ranked results of a vote as a picture: a horizontal bar per point (its text, its dots and
// the share of voters who gave it any), most dots first. The bars are for the eye and hidden from
// screen readers; a real table with the same numbers is for them. The server-rendered twin, for
// the annex page, is templates/votes/_chart.html.
import { element } from "./live-ui.js";

// The share of voters as a whole percent, as the page's language writes it ("40 %" in Danish).
export function percentText(part, whole, language) {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

// rows: [{id, text, dots, voters, rank}] ranked by the server; voters: how many people voted.
// t: the page's translator (chart_caption, chart_rank, chart_point, chart_dots, chart_share,
// chart_empty); counted: its plural translator.
export function resultsChart({ rows, voters }, { t, counted, strings, language }) {
  if (!rows.length) return element("p", { class: "muted vote-chart-empty", text: t("chart_empty") });
  const most = Math.max(1, ...rows.map((row) => row.dots));
  const shown = rows.map((row) => ({ ...row, share: percentText(row.voters ?? 0, voters, language), width: (row.dots / most) * 100 }));
  return element("figure", { class: "vote-chart" },
    element("figcaption", { text: counted(strings.chart_caption, voters) }),
    element("ol", { class: "vote-bars", "aria-hidden": "true" }, ...shown.map(barRow)),
    resultsTable(shown, t));
}

function barRow(row) {
  const bar = element("span", { class: "vote-bar" });
  bar.style.width = `${row.width}%`;
  return element("li", { class: "vote-bar-row", "data-point-id": row.id },
    element("span", { class: "vote-bar-text", dir: "auto", text: row.text }),
    element("span", { class: "vote-bar-track" }, bar),
    element("span", { class: "vote-bar-numbers" },
      element("strong", { class: "vote-bar-dots", text: String(row.dots) }), " · ", row.share));
}

function resultsTable(rows, t) {
  const header = element("tr", {},
    ...["chart_rank", "chart_point", "chart_dots", "chart_share"].map((key) => element("th", { scope: "col", text: t(key) })));
  const body = rows.map((row) => element("tr", {},
    element("td", { text: String(row.rank) }),
    element("th", { scope: "row", dir: "auto", text: row.text }),
    element("td", { text: String(row.dots) }),
    element("td", { text: row.share })));
  return element("table", { class: "visually-hidden vote-table" },
    element("thead", {}, header), element("tbody", {}, ...body));
}
