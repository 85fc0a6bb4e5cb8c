// Which addresses are videos: a body's linked image or autolink to one of them, alone in a
// paragraph, is a video card (a link, never an embedded player). The server reads the same
// Markdown with the same rule; the two must agree, or the editor shows what the site does not.
// A card's thumbnail is an address typed, or an image of the site chosen from its grid.

const ID = "[A-Za-z0-9_-]+";
const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com"]);
const YOUTUBE_PATH = new RegExp(`^/(shorts|embed)/${ID}$`);
const YOUTU_BE_PATH = new RegExp(`^/${ID}$`);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com"]);
const VIMEO_PATH = /^\/[0-9]+$/;
const WATCH_ID = new RegExp(`^${ID}$`);

// Scheme and host are compared without case, as URLs do; a port or a user name is no video.
const ADDRESS = /^https?:\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;

/// "YouTube" or "Vimeo" when `url` is the address of one of their videos, else null.
export function videoProvider(url) {
  // Written as "<url>" in Markdown, where white space or angle brackets would end it.
  if (typeof url !== "string" || /[\s<>]/.test(url)) return null;
  const match = ADDRESS.exec(url);
  if (!match) return null;
  const host = match[1].toLowerCase();
  const path = match[2] || "";
  if (YOUTUBE_HOSTS.has(host)) {
    if (path === "/watch") return WATCH_ID.test(new URLSearchParams(match[3] || "").get("v") || "") ? "YouTube" : null;
    return YOUTUBE_PATH.test(path) ? "YouTube" : null;
  }
  if (host === "youtu.be") return YOUTU_BE_PATH.test(path) ? "YouTube" : null;
  if (VIMEO_HOSTS.has(host)) return VIMEO_PATH.test(path) ? "Vimeo" : null;
  return null;
}

/// Where a card's thumbnail may come from, as typed: the web or this site ("/media/…"); an
/// address without its scheme is taken for the web; spaces, which would end it in Markdown,
/// are escaped. Null for anything else.
export function thumbnailAddress(text) {
  const address = /^(https?:\/\/|\/)/i.test(text) ? text : /^[^\s:/]+\.[^\s:/]+/.test(text) ? "https://" + text : null;
  return address && address.replace(/ /g, "%20");
}

/// The thumbnail address of an image chosen from the site's grid ({id, thumbnail, …}, as
/// /admin/pick/images lists it): the path of its small rendition, "/media/{id}-{token}/320.webp",
/// the form the public page's card shows and a published body makes public. Null for an item
/// without one (a PDF) or with anything but a path of this site.
export function libraryThumbnail(image) {
  const path = image && typeof image.thumbnail === "string" ? image.thumbnail : "";
  return path.startsWith("/") && !path.startsWith("//") ? thumbnailAddress(path) : null;
}
