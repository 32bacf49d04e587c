// A new join code, live (docs/realtime.md, `join_code:changed`): the facilitators' dashboard and
// the projector show the code the room joins by. Participants never receive it: they are in.
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

// The join link with another code: the code is the link's last part (…/j/ABC234).
export function joinLinkWith(link, code) {
  return link.replace(/[^/]*$/, encodeURIComponent(code));
}
