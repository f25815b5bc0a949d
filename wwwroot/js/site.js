// Small, optional enhancements: every page works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

// A withdrawal slip's QR code carries its code after « # », which no server sees: it fills the field here.
(() => {
  const field = document.querySelector("#code.code-input");
  const match = /^#code=([A-Za-z0-9-]{10,14})$/.exec(location.hash);
  if (field && match && !field.value) {
    field.value = decodeURIComponent(match[1]);
    history.replaceState(null, "", location.pathname);
  }
})();

// The collect page kept for offline use names the person who was signed in: once no one is, it goes.
if (document.body.dataset.signedOut !== undefined && window.caches) {
  caches.delete("participation-terrain-1").catch(() => {});
}

// After a refused form, what to mend comes first: on a phone the list would otherwise sit above the screen.
document.querySelector(".error-summary")?.focus();

// A text longer than its box takes is never cut without a word: the box keeps all of it and says by how
// much it is too long; sent all the same, it comes back refused with the same words, nothing lost.
document.querySelectorAll("textarea[maxlength][data-too-long]").forEach((box) => {
  const max = Number(box.getAttribute("maxlength"));
  const template = box.dataset.tooLong || "Ce texte fait {0} caractères\u00a0: {1} au plus.";
  const locale = document.documentElement.lang || "fr";
  box.removeAttribute("maxlength");
  const note = document.createElement("p");
  note.className = "field-error";
  note.id = `${box.id}-longueur`;
  note.setAttribute("aria-live", "polite");
  note.hidden = true;
  box.after(note);
  box.setAttribute("aria-describedby", `${box.getAttribute("aria-describedby") ?? ""} ${note.id}`.trim());
  const invalidFromServer = box.getAttribute("aria-invalid") === "true";
  const check = () => {
    const over = box.value.length > max;
    note.hidden = !over;
    note.textContent = over ? template.replace("{0}", box.value.length.toLocaleString(locale)).replace("{1}", max.toLocaleString(locale)) : "";
    if (over) box.setAttribute("aria-invalid", "true");
    else if (!invalidFromServer) box.removeAttribute("aria-invalid");
  };
  box.addEventListener("input", check);
  check();
});
