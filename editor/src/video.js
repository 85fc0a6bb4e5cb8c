// Which addresses are videos: a body's linked image or autolink to one of them, alone in a
// paragraph, is a video card (a link, never an embedded player). The server reads the same
// Markdown with the same rule; the two must agree, or the editor shows what the site does not.

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
