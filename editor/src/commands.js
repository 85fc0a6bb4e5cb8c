// What the toolbar buttons and shortcuts do, each a ProseMirror command: called without
// `dispatch` it only says whether it could run, which is how buttons know to be disabled.

import { NodeSelection, TextSelection } from "prosemirror-state";
import { setBlockType, toggleMark, wrapIn, lift } from "prosemirror-commands";
import { wrapInList, liftListItem } from "prosemirror-schema-list";
import { isInTable } from "prosemirror-tables";
import { schema } from "./schema.js";
import { askFor } from "./dialog.js";
import { videoProvider, thumbnailAddress, libraryThumbnail } from "./video.js";
import { sameSite } from "./paste.js";

const { nodes, marks } = schema;

export function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

export function blockActive(type, attrs) {
  return (state) => state.selection.$from.parent.hasMarkup(type, attrs);
}

export function inside(type) {
  return (state) => {
    const { $from } = state.selection;
    for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return true;
    return false;
  };
}

/// A heading of `level`, or back to a paragraph when it already is one.
export function toggleHeading(level) {
  const active = blockActive(nodes.heading, { level });
  return (state, dispatch) =>
    active(state)
      ? setBlockType(nodes.paragraph)(state, dispatch)
      : setBlockType(nodes.heading, { level })(state, dispatch);
}

export function toggleList(type) {
  const active = inside(type);
  return (state, dispatch) =>
    active(state) ? liftListItem(nodes.list_item)(state, dispatch) : wrapInList(type)(state, dispatch);
}

export function toggleQuote(state, dispatch) {
  return inside(nodes.blockquote)(state) ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);
}

function canInsert(state, type) {
  const { $from } = state.selection;
  for (let d = $from.depth; d >= 0; d--) {
    const index = $from.index(d);
    if ($from.node(d).canReplaceWith(index, index, type)) return true;
  }
  return false;
}

/// Addresses a link may have: the web, mail, telephone, or a path of this site.
function linkTarget(text) {
  if (/^(https?:|mailto:|tel:|\/|#)/i.test(text)) return text;
  if (/^[^\s:/]+\.[^\s:/]+/.test(text)) return "https://" + text;
  return null;
}

function linkAround(state) {
  const { $from } = state.selection;
  const mark = marks.link.isInSet($from.marks()) || ($from.nodeAfter && marks.link.isInSet($from.nodeAfter.marks));
  if (!mark) return null;
  // The whole run of text carrying this link, so that editing a link with no selection edits all of it.
  const parent = $from.parent;
  let start = $from.index();
  let end = start;
  while (start > 0 && mark.isInSet(parent.child(start - 1).marks)) start--;
  while (end < parent.childCount && mark.isInSet(parent.child(end).marks)) end++;
  let from = $from.start();
  for (let i = 0; i < start; i++) from += parent.child(i).nodeSize;
  let to = from;
  for (let i = start; i < end; i++) to += parent.child(i).nodeSize;
  return { mark, from, to };
}

export function editLink(strings) {
  return (state, dispatch, view) => {
    if (!toggleMark(marks.link, { href: "" })(state) && !linkAround(state)) return false;
    if (!dispatch) return true;
    const around = linkAround(state);
    askFor({
      title: strings.link,
      fields: [{ name: "href", label: strings["link-address"], value: around ? around.mark.attrs.href : "", required: true }],
      ok: strings.apply,
      cancel: strings.cancel,
      remove: around ? strings["link-remove"] : null,
    }).then((answer) => {
      view.focus();
      if (!answer) return;
      const now = view.state;
      const here = linkAround(now);
      const { from, to } = now.selection.empty && here ? here : now.selection;
      const tr = now.tr;
      if (answer === "remove") {
        tr.removeMark(from, to, marks.link);
      } else {
        const href = linkTarget(answer.href);
        if (!href) return;
        const mark = marks.link.create({ href });
        if (from === to) {
          tr.insert(from, schema.text(answer.href, [mark]));
        } else {
          tr.removeMark(from, to, marks.link).addMark(from, to, mark);
        }
      }
      view.dispatch(tr.scrollIntoView());
    });
    return true;
  };
}

export function insertImage(strings) {
  return (state, dispatch, view) => {
    if (!canInsert(state, nodes.figure)) return false;
    if (!dispatch) return true;
    askFor({
      title: strings.image,
      fields: [
        { name: "src", label: strings["image-address"], required: true },
        { name: "alt", label: strings["image-alt"] },
        { name: "caption", label: strings["image-caption"] },
      ],
      ok: strings.apply,
      cancel: strings.cancel,
    }).then((answer) => {
      view.focus();
      if (!answer || !linkTarget(answer.src)) return;
      const caption = answer.caption ? schema.text(answer.caption) : null;
      const figure = nodes.figure.create({ src: linkTarget(answer.src), alt: answer.alt }, caption);
      view.dispatch(view.state.tr.replaceSelectionWith(figure).scrollIntoView());
    });
    return true;
  };
}

/// A card linking to a YouTube or Vimeo video. The dialog comes back, with what was typed and
/// a message beside the field, until the addresses are usable or the person cancels. The
/// thumbnail's address is typed, or chosen from the site's images when `chooseImage` (which
/// resolves with an image of the grid, or null) is given.
export function insertVideo(strings, chooseImage) {
  const choose = chooseImage && {
    label: strings["image-choose"],
    pick: async () => {
      const image = await chooseImage();
      const address = image && libraryThumbnail(image);
      return address ? { value: address, label: image.label } : null;
    },
    shows: sameSite,
  };
  return (state, dispatch, view) => {
    if (!canInsert(state, nodes.video)) return false;
    if (!dispatch) return true;
    const ask = (typed = {}, errors = {}) =>
      askFor({
        title: strings.video,
        fields: [
          { name: "href", label: strings["video-address"], value: typed.href, error: errors.href, required: true },
          { name: "title", label: strings["video-title"], value: typed.title },
          { name: "src", label: strings["video-thumbnail"], value: typed.src, error: errors.src, choose },
        ],
        ok: strings.apply,
        cancel: strings.cancel,
      }).then((answer) => {
        if (!answer) {
          view.focus();
          return;
        }
        // A shared address is often copied without its scheme ("youtu.be/…").
        const href = /^[a-z]+:/i.test(answer.href) ? answer.href : "https://" + answer.href;
        const src = answer.src ? thumbnailAddress(answer.src) : "";
        if (!videoProvider(href)) return ask(answer, { href: strings["video-unsupported"] });
        if (src === null) return ask(answer, { src: strings["video-thumbnail-invalid"] });
        view.focus();
        const video = nodes.video.create({ href, src, title: answer.title });
        const tr = view.state.tr.replaceSelectionWith(video);
        // Left selected, the card would be replaced by the next key typed: the cursor goes
        // into the paragraph after it, a new one at the end.
        if (tr.selection instanceof NodeSelection && tr.selection.node === video) {
          const after = tr.selection.to;
          if (!(tr.doc.resolve(after).nodeAfter || {}).isTextblock) tr.insert(after, nodes.paragraph.create());
          tr.setSelection(TextSelection.create(tr.doc, after + 1));
        }
        view.dispatch(tr.scrollIntoView());
      });
    ask();
    return true;
  };
}

/// A table of two columns, a header row and two rows, with the cursor in its first cell.
export function insertTable(state, dispatch) {
  if (!canInsert(state, nodes.table) || isInTable(state)) return false;
  if (!dispatch) return true;
  const row = (type) => nodes.table_row.create(null, [type.createAndFill(), type.createAndFill()]);
  const table = nodes.table.create(null, [row(nodes.table_header), row(nodes.table_cell), row(nodes.table_cell)]);
  const tr = state.tr.replaceSelectionWith(table);
  const { $from } = tr.selection;
  for (let d = $from.depth; d > 0; d--) {
    if ($from.node(d).type === nodes.table) {
      tr.setSelection(TextSelection.near(tr.doc.resolve($from.before(d) + 3)));
      break;
    }
  }
  dispatch(tr.scrollIntoView());
  return true;
}
