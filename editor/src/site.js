// The site a document is written for: the one chosen in a new document's site menu, else the
// one the editor page names. The pickers ask for that site's partners, contacts and images.
export function siteOf(form) {
  const menu = form.querySelector("select[name=site]");
  return (menu && menu.value) || form.dataset.site || "";
}
