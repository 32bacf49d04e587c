// A new join code, live (docs/realtime.md, `join_code:changed`): the facilitators' pages (the
// dashboard, the workshop's page, its participants page) and the projector show the code the room
// joins by. Participants never receive it: they are in.
export const JOIN_CODE_CHANGED = "join_code:changed";

// Calls show(code, catchingUp) once for each code newer than the page, whether it came as a
// broadcast or in a catch-up (both may bring the same change).
export function followJoinCode(live, show) {
  let shownSeq = live.store.seq;
  live.store.onChange((change) => {
    if (change.kind !== JOIN_CODE_CHANGED || !change.join_code || change.seq <= shownSeq) return;
    shownSeq = change.seq;
    show(change.join_code, live.client.catchingUp);
  });
}

// A facilitator's page: every element marked data-join-code shows the new code, and it is said
// politely — when it comes live; one a catch-up brings is shown only.
export function followShownJoinCode(live) {
  followJoinCode(live, (code, catchingUp) => {
    for (const shown of document.querySelectorAll("[data-join-code]")) shown.textContent = code;
    if (!catchingUp) live.sayNews("announce_join_code", { code }, "join_code");
  });
}

// The join link with another code: the code is the link's last part (…/j/ABC234).
export function joinLinkWith(link, code) {
  return link.replace(/[^/]*$/, encodeURIComponent(code));
}
