// Pages whose forms post and come back at #… (the agenda, the topics, the outline, the plan, the
// groups, a series, the account): the item the form changed gets focus and the outcome is read
// out beside it, instead of focus and the message starting at the top of the page.
import { followFragments } from "./fragment-focus.js";

followFragments();
