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
