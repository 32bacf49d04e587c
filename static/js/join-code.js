// A new join code, live (docs/realtime.md, `join_code:changed`): the facilitators' pages (the
// dashboard, the workshop's page, its participants page, the join sheet) and the projector show
// the code the room joins by. Participants never receive it: they are in.
export const JOIN_CODE_CHANGED = "join_code:changed";

// Calls show(code, catchingUp) once for each code newer than the page, whether it came as a
// broadcast or in a catch-up (both may bring the same change). Newer than the page as drawn, not
// than the notes stored in this browser (another tab may have stored a later seq).
export function followJoinCode(live, show) {
  let shownSeq = live.page.seq;
  live.store.onChange((change) => {
    if (change.kind !== JOIN_CODE_CHANGED || !change.join_code || change.seq <= shownSeq) return;
    shownSeq = change.seq;
    show(change.join_code, live.client.catchingUp);
  });
}

// A facilitator's page: every element marked as showing the code shows the new one, and it is
// said politely — when it comes live; one a catch-up brings is shown only.
export function followShownJoinCode(live) {
  const showQrs = [...document.querySelectorAll("[data-join-qr]")].map(qrShowerFor);
  followJoinCode(live, (code, catchingUp) => {
    showCodeAndLinks(code);
    for (const showQr of showQrs) showQr(code);
    if (!catchingUp) live.sayNews("announce_join_code", { code }, "join_code");
  });
}

// data-join-code: the code; data-join-code-spelt: one character at a time, as screen readers are
// given it (the join sheet); data-join-link: the join link, its text and address;
// data-join-qr-download: the QR code's file, named by the code (join-ABC234.svg, as sheet.html).
function showCodeAndLinks(code) {
  const before = document.querySelector("[data-join-code]")?.textContent.trim();
  if (before && before !== code) dropMessagesNaming(before);
  for (const shown of document.querySelectorAll("[data-join-code]")) shown.textContent = code;
  for (const spelt of document.querySelectorAll("[data-join-code-spelt]")) spelt.textContent = [...code].join(" ");
  for (const link of document.querySelectorAll("a[data-join-link]")) {
    const next = joinLinkWith(link.getAttribute("href"), code);
    link.setAttribute("href", next);
    link.textContent = next;
  }
  for (const file of document.querySelectorAll("a[data-join-qr-download]")) file.download = `join-${code}.svg`;
}

// This tab's own renewal left a message naming its code ("New join code: K7EY8K. The old code
// no longer works."): once a later code replaces it, the message is wrong, and goes.
function dropMessagesNaming(code) {
  for (const message of document.querySelectorAll(".flash")) {
    if (message.textContent.includes(code)) message.remove();
  }
}

// data-join-qr="<address of the QR code>" holds the QR code; data-join-qr-box, around it, is what
// goes when the new one cannot be had (the code and its caption, on the sheet).
function qrShowerFor(holder) {
  return joinQrShower(holder, holder.dataset.joinQr, holder.closest("[data-join-qr-box]") ?? holder);
}

// Shows the QR code of a new code's join link in holder, fetched from qrUrl (which answers with
// the current code's; the code in the query only keeps the answers apart in any cache). If that
// fails, box is hidden: no QR code rather than the old code's, whose link no longer works.
export function joinQrShower(holder, qrUrl, box = holder) {
  let latestCode = null;
  return async (code) => {
    latestCode = code;
    try {
      const svg = await fetchQrCode(qrUrl, code);
      // Two renewals in a moment: the earlier code's answer may come last; it must not win.
      if (code !== latestCode) return;
      holder.replaceChildren(svg);
      box.hidden = false;
    } catch {
      if (code === latestCode) box.hidden = true;
    }
  };
}

async function fetchQrCode(qrUrl, code) {
  const answer = await fetch(`${qrUrl}?code=${encodeURIComponent(code)}`, { credentials: "same-origin", cache: "no-store" });
  if (!answer.ok) throw new Error(String(answer.status));
  const svg = new DOMParser().parseFromString(await answer.text(), "image/svg+xml").documentElement;
  if (svg.nodeName !== "svg") throw new Error("not an SVG");
  return document.importNode(svg, true);
}

// The join link with another code: the code is the link's last part (…/j/ABC234).
export function joinLinkWith(link, code) {
  return link.replace(/[^/]*$/, encodeURIComponent(code));
}
