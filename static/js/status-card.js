// The workshop's page follows its status live (docs/realtime.md): a status changed elsewhere
// (another facilitator, the dashboard, the API) brings the status card fresh from the server —
// its words, what is missing and its buttons, forms and CSRF tokens as a page load would have
// them — in place of the stale one, whose buttons would do what nobody meant; and it is said
// politely. The card is workshops/_status_card.html; a page without it follows nothing here.

export function followStatusCard(live) {
  if (!shownCard()) return;
  let leaving = false;
  let latest = 0;
  // A form sent from this page (its own status button) reloads it: the change it makes must not
  // be drawn and said here first, in the moment before the page goes.
  document.addEventListener("submit", () => { leaving = true; });
  // Come back to through the browser's history, the page stays: it follows again.
  window.addEventListener("pageshow", () => { leaving = false; });
  const follow = async () => {
    const shown = shownCard();
    if (leaving || live.status === shown.dataset.status) return;
    const asked = ++latest;
    const fresh = await fetchCard(shown.dataset.statusCard).catch(() => null);
    // Two changes in a moment: the earlier answer may come last; it must not win.
    if (!fresh || asked !== latest || leaving) return;
    putInPlace(shownCard(), fresh, live.announcer);
  };
  live.on.status = follow;
  // A card that could not be fetched (offline for a moment) is fetched again with the connection.
  live.on.connection = (state) => state === "online" && follow();
  // The page may be older than the status this browser kept (come back to from the history).
  follow();
}

function shownCard() {
  return document.querySelector("[data-status-card]");
}

async function fetchCard(url) {
  const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  // Logged out meanwhile: the login page it was sent to is no card.
  if (!answer.ok || answer.redirected) throw new Error(String(answer.status));
  const template = document.createElement("template");
  template.innerHTML = await answer.text();
  const card = template.content.querySelector("[data-status-card]");
  if (!card) throw new Error("no status card");
  return card;
}

function putInPlace(shown, fresh, announcer) {
  const hadFocus = shown.contains(document.activeElement);
  shown.replaceWith(fresh);
  // The button that had the keyboard is gone, or does something else now: the heading takes it.
  if (hadFocus) fresh.querySelector("h2").focus();
  if (fresh.dataset.status !== shown.dataset.status) announcer.sayNews(fresh.dataset.statusNews, "status");
}
