// Shared by the participant, console and projector screens of a live council session.
// Everything a person typed is put in the page as text, never as HTML.
window.council = (() => {
  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };

  const connect = (onStart) => {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/council")
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000])
      .build();
    const status = document.getElementById("etat");
    const say = (text) => { if (status) status.textContent = text; };
    const start = async () => {
      try {
        await connection.start();
        await onStart(connection, say);
      } catch {
        say("Connexion impossible pour l'instant. Nouvel essai dans 5 secondes…");
        setTimeout(start, 5000);
      }
    };
    connection.onreconnecting(() => say("Connexion perdue. On réessaie…"));
    connection.onreconnected(() => onStart(connection, say));
    connection.onclose(() => { say("Connexion perdue. On réessaie…"); setTimeout(start, 2000); });
    start();
    return connection;
  };

  const timer = (node, endsAt) => {
    if (!node || !endsAt) return;
    const end = new Date(endsAt).getTime();
    node.hidden = false;
    clearInterval(node._tick);
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      node.textContent = `⏱ ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      if (left === 0) clearInterval(node._tick);
    };
    tick();
    node._tick = setInterval(tick, 1000);
  };

  const grades = ["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"];
  const isJudgment = (tally) => tally.kind === "MajorityJudgment" || tally.kind === 4;

  // Majority judgment shows each option's merit profile: one coloured stretch per grade.
  const meritProfile = (result) => {
    const bar = el("div", { class: "merit-bar", role: "img",
      "aria-label": result.grades.map((n, i) => (n > 0 ? `${grades[i]} : ${n}` : null)).filter(Boolean).join(", ") || "aucun vote" });
    result.grades.forEach((n, i) => {
      if (n === 0) return;
      const part = el("span", { class: `merit-${i}` });
      part.style.flexGrow = String(n);
      bar.append(part);
    });
    return bar;
  };

  const results = (tally) => {
    const list = el("ol", { class: "result-list" });
    const best = Math.max(1, ...tally.results.map((r) => r.count));
    for (const r of tally.results) {
      if (isJudgment(tally)) {
        list.append(el("li", {}, el("span", { class: "result-label", text: `${r.label} : ${r.median ?? "aucune mention"}` }), meritProfile(r)));
      } else {
        list.append(el("li", {},
          el("span", { class: "result-label", text: `${r.label} : ${r.count}` }),
          el("progress", { max: String(best), value: String(r.count), "aria-hidden": "true" })));
      }
    }
    return list;
  };

  // The join code changes when a guest is removed: the screens show the new one, and draw its QR code again.
  const showCode = (root, sessionId, code) => {
    const shown = root.querySelector("#code");
    if (!code || !shown || shown.textContent === code) return;
    shown.textContent = code;
    const qr = root.querySelector("img.join-qr");
    if (qr) qr.src = `/conseil/seances/${sessionId}/qr?v=${Date.now()}`;
  };

  return { el, connect, timer, results, showCode };
})();
