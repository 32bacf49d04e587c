// The meeting, item and topic pages: after moving an item or deciding a topic, focus and the
// announcement follow the item the page comes back at.
import { followFragments } from "./fragment-focus.js";

followFragments();
