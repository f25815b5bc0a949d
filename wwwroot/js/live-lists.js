// Shared by the pages whose lists grow live (the urgent queue, the circles and their queue).
// Everything a person typed is put in the page as text, never as HTML.
window.liveLists = (() => {
  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      // The server sends ticks to the ten-millionth; a datetime attribute takes milliseconds at most.
      else if (name === "datetime") node.setAttribute(name, new Date(value).toISOString());
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };
  // As the server writes it, on the département's clock: « mercredi 2 décembre 2026 à 14h05 ».
  const when = (iso) => {
    const d = new Date(iso);
    const day = d.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }).replace(/ 1 /, " 1er ");
    return `${day} à ${d.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).replace(":", "h")}`;
  };
  return { el, when };
})();
