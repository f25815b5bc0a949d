// Drawing the areas of a photo to blur. Each rectangle is kept as fractions of the picture, so it
// does not depend on the size the photo is shown at; the site blurs them. The checkboxes below the
// photo do the same from the keyboard.
(() => {
  "use strict";

  const form = document.querySelector("[data-blur]");
  if (!form) {
    return;
  }
  const stage = form.querySelector("[data-blur-stage]");
  const image = form.querySelector("[data-blur-image]");
  const field = form.querySelector("[data-blur-areas]");
  const clear = form.querySelector("[data-blur-clear]");
  form.querySelector("[data-blur-hint]").hidden = false;
  stage.classList.add("blur-drawing");

  const areas = [];
  let start = null;
  let box = null;

  const clamp = (v) => Math.min(1, Math.max(0, v));

  function point(event) {
    const rect = image.getBoundingClientRect();
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) };
  }

  function place(element, area) {
    element.style.left = `${area.x * 100}%`;
    element.style.top = `${area.y * 100}%`;
    element.style.width = `${area.w * 100}%`;
    element.style.height = `${area.h * 100}%`;
  }

  function save() {
    field.value = areas.map((a) => [a.x, a.y, a.w, a.h].map((n) => n.toFixed(4)).join(",")).join(";");
    clear.hidden = areas.length === 0;
  }

  function between(a, b) {
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
  }

  stage.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    stage.setPointerCapture(event.pointerId);
    start = point(event);
    box = document.createElement("div");
    box.className = "blur-box";
    stage.append(box);
    place(box, { x: start.x, y: start.y, w: 0, h: 0 });
  });

  stage.addEventListener("pointermove", (event) => {
    if (start) {
      place(box, between(start, point(event)));
    }
  });

  stage.addEventListener("pointerup", (event) => {
    if (!start) {
      return;
    }
    const area = between(start, point(event));
    start = null;
    if (area.w < 0.01 || area.h < 0.01) {
      box.remove();
      return;
    }
    areas.push(area);
    save();
  });

  clear.addEventListener("click", () => {
    areas.length = 0;
    stage.querySelectorAll(".blur-box").forEach((b) => b.remove());
    save();
  });
})();
