// The annex page: after a form posts and the page comes back at #point-… (or #approve, …), the
// changed item gets focus and the outcome is read out, instead of focus starting at the top.
// Skip links to a question or to Approve move focus the same way. Exports the page's announcer
// for what changes without a reload (reordering).
import { followFragments } from "./fragment-focus.js";
import { Announcer, translator } from "./live-ui.js";

export const announcer = new Announcer(document.getElementById("annex-announcer"), translator({}));

followFragments();
