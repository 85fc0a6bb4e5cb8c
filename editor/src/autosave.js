// Keeps the unsaved title and body on the server while the person types (POST
// /admin/autosave), and offers back what an earlier visit left unsaved. Typing never waits
// on it: requests go out a moment after the last keystroke, and when the page is left.

const DELAY_MS = 2000;

export function autosave(form, editor) {
  const url = form.dataset.autosave;
  if (!url) return;
  const title = form.elements.title;
  const revision = form.elements.revision;
  const status = document.createElement("p");
  status.className = "hint autosave-status";
  editor.textarea.after(status);
  let timer = null;
  let inflight = null;
  let lastKept = null;
  let leaving = false;

  // The fields the endpoint reads: the target (document and language, or the kind of a new
  // document), the CSRF token, and the text with the revision it was written on.
  function fields(withText) {
    const data = new URLSearchParams();
    data.set("_csrf", form.elements._csrf.value);
    data.set("document", form.dataset.autosaveDocument || "");
    data.set("lang", form.dataset.autosaveLang || "");
    data.set("kind", form.dataset.autosaveKind || "");
    if (withText) {
      data.set("title", title ? title.value : "");
      data.set("body_markdown", editor.markdown());
      data.set("revision", revision.value);
    }
    return data;
  }

  function keep() {
    timer = null;
    const data = fields(true);
    const text = data.toString();
    if (text === lastKept || leaving) return;
    // A redirect means the session ended (to the login page): that is a failure here.
    inflight = fetch(url, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((answer) => {
        lastKept = text;
        status.textContent = answer.message;
      })
      .catch(() => {
        status.textContent = editor.strings["autosave-failed"] || "";
      })
      .finally(() => {
        inflight = null;
      });
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(keep, DELAY_MS);
  });

  // Leaving the page (closing the tab, following a link): what is pending goes out at once.
  const flush = () => {
    if (timer === null || leaving) return;
    clearTimeout(timer);
    timer = null;
    navigator.sendBeacon(url, fields(true));
  };
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });

  // Saving clears the autosave on the server; one still on its way must not land after it.
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    timer = null;
    if (inflight) {
      event.preventDefault();
      const submitter = event.submitter;
      inflight.then(() => form.requestSubmit(submitter));
      return;
    }
    leaving = true;
  });

  const offer = document.querySelector("[data-autosave-offer]");
  if (!offer) return;
  offer.hidden = false;
  offer.querySelector("[data-autosave-restore]").addEventListener("click", () => {
    if (title) title.value = offer.dataset.title;
    editor.load(offer.dataset.body);
    // The text was written on this revision: saving it must still meet the check that
    // catches someone else's save in between.
    revision.value = offer.dataset.revision;
    offer.remove();
    form.dispatchEvent(new Event("input", { bubbles: true }));
    editor.focus();
  });
  offer.querySelector("[data-autosave-discard]").addEventListener("click", () => {
    fetch(form.dataset.autosave + "/discard", {
      method: "POST",
      body: fields(false),
      credentials: "same-origin",
      redirect: "manual",
    });
    offer.remove();
    editor.focus();
  });
}
