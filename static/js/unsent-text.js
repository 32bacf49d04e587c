// "Your unsent text" on the participant page: kept drafts whose box is not on the page (typed
// under a question the new group does not have, or an edit of a note no longer shown), so that they
// never vanish unseen. Each can be copied, or removed once it is no longer needed.
import "./copy-text.js"; // its data-copy buttons serve here
import { element } from "./live-ui.js";

export function showUnsent(drafts, places, t) {
  const section = document.getElementById("unsent");
  if (!section) return;
  const remove = (place) => {
    if (!window.confirm(t("confirm_remove_unsent"))) return;
    drafts.clear(place);
    const left = places.filter((other) => other !== place);
    showUnsent(drafts, left, t);
    document.getElementById(left.length ? "unsent-heading" : "main").focus();
  };
  section.querySelector(".unsent-list").replaceChildren(
    ...places.map((place, index) => unsentItem(drafts.get(place), `unsent-${index}`, t, () => remove(place))));
  section.hidden = !places.length;
}

function unsentItem(draft, fieldId, t, remove) {
  const labelId = `${fieldId}-label`;
  return element("li", { class: "unsent-item" },
    element("label", { for: fieldId, id: labelId, text: whereTyped(draft, t) }),
    element("textarea", { id: fieldId, rows: 3, readonly: true, text: draft.text }),
    element("div", { class: "note-actions" },
      element("button", { type: "button", "data-copy": fieldId, "aria-describedby": labelId, text: t("copy_text") }),
      element("button", { type: "button", class: "secondary", "aria-describedby": labelId, text: t("remove_unsent"), onclick: remove })));
}

function whereTyped(draft, t) {
  if (!draft.label) return t("unsent_somewhere");
  return t(draft.note_id ? "unsent_edit_under" : "unsent_under", { label: draft.label, question: draft.question ?? "" });
}
