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

  const kinds = ["SingleChoice", "MultipleChoice", "EmojiScale", "Ranking", "MajorityJudgment"];
  const kindOf = (p) => (typeof p.kind === "number" ? kinds[p.kind] : p.kind);

  // Connects, joins with onJoin, and reconnects until the screen says it is finished (session over, person removed).
  const connect = (onJoin, onState) => {
    const connection = liveConnection("/hubs/council", { nextRetryDelayInMilliseconds: (retry) => Math.min(5000, 1000 * retry.previousRetryCount) });
    let finished = false;
    const report = (state) => { if (!finished) onState(state); };
    // One attempt waits at a time: a failed join and the close that follows it must not start two
    // loops, the second of which would keep reporting the connection lost once the first is back.
    let waiting = null;
    const later = (ms) => { if (!finished && waiting === null) waiting = setTimeout(() => { waiting = null; start(); }, ms); };
    const start = async () => {
      if (finished) return;
      try {
        if (connection.state === signalR.HubConnectionState.Disconnected) await connection.start();
        // Connecting or reconnecting: the client is on it, and onreconnected or onclose takes over.
        if (connection.state === signalR.HubConnectionState.Connected) await onJoin(connection);
      } catch {
        report("lost");
        later(3000);
      }
    };
    connection.onreconnecting(() => report("lost"));
    // Joined again through start(), so that a join that fails is tried again too.
    connection.onreconnected(() => { clearTimeout(waiting); waiting = null; start(); });
    connection.onclose(() => { report("lost"); later(2000); });
    start();
    connection.finish = () => { finished = true; connection.stop(); };
    return connection;
  };

  const timer = (node, endsAt) => {
    if (!node) return;
    clearInterval(node._tick);
    if (!endsAt) { node.hidden = true; return; }
    const end = new Date(endsAt).getTime();
    node.hidden = false;
    const tick = () => {
      // Run out, it says so for half a minute, then makes way: a 0:00 left for good reads as frozen.
      if (Date.now() - end > 30000) { node.hidden = true; clearInterval(node._tick); return; }
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = left % 60;
      node.textContent = `${minutes}:${String(seconds).padStart(2, "0")}`;
      node.setAttribute("aria-label", left === 0 ? "Temps écoulé" : `Il reste ${minutes ? `${minutes} min ` : ""}${seconds} s`);
      node.classList.toggle("timer-done", left === 0);
    };
    tick();
    node._tick = setInterval(tick, 1000);
  };

  // A label that starts with an emoji is a picture card: the emoji above, the word below.
  const picture = /^(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*)\s*(.*)$/u;
  const splitPicture = (label) => {
    const match = picture.exec(label);
    return match ? { picture: match[1], word: match[2] || label } : { picture: null, word: label };
  };

  const grades = ["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"];
  // The same seven grades, as faces and short words for 7–10 year-olds.
  const childGrades = [["🤩", "Génial"], ["😃", "Très bien"], ["🙂", "Bien"], ["😌", "Plutôt bien"], ["😐", "Bof"], ["🙁", "Pas bien"], ["😠", "Pas du tout"]];
  const isJudgment = (tally) => kindOf(tally) === "MajorityJudgment";
  const plural = (n, one, many) => `${n}\u00a0${n > 1 ? many : one}`;

  // The name of a grade (0 = the best), in children's words with their face when the screen is a child's.
  const gradeName = (index, child) => (child ? `${childGrades[index][0]} ${childGrades[index][1]}` : grades[index]);
  const medianName = (median, child) => {
    if (!median) return child ? "pas de vote" : "aucune mention";
    const index = grades.indexOf(median);
    return child && index >= 0 ? gradeName(index, true) : median;
  };

  // Majority judgment shows each option's merit profile: one coloured stretch per grade, best grade first.
  const meritProfile = (result, child) => {
    const bar = el("div", { class: "merit-bar", role: "img",
      "aria-label": result.grades.map((n, i) => (n > 0 ? `${child ? childGrades[i][1] : grades[i]}\u00a0: ${n}` : null)).filter(Boolean).join(", ") || "aucun vote" });
    result.grades.forEach((n, i) => {
      if (n === 0) return;
      const part = el("span", { class: `merit-${i}` });
      part.style.flexGrow = String(n);
      bar.append(part);
    });
    return bar;
  };

  const meritLegend = (child) => el("p", { class: "merit-legend", "aria-hidden": "true" },
    ...grades.map((g, i) => el("span", { class: `merit-key merit-${i}`, text: gradeName(i, child) })));

  // Scales keep their order (from « pas du tout » to « super »); choices come most voted first.
  const results = (tally, child = false) => {
    const list = el("ol", { class: "result-list" });
    if (isJudgment(tally)) {
      for (const r of tally.results) {
        list.append(el("li", {}, el("span", { class: "result-label", text: `${r.label}\u00a0: ${medianName(r.median, child)}` }), meritProfile(r, child)));
      }
      return el("div", {}, list, meritLegend(child));
    }
    const kind = kindOf(tally);
    const ordered = kind === "EmojiScale" ? tally.results : [...tally.results].sort((a, b) => b.count - a.count);
    const best = Math.max(1, ...tally.results.map((r) => r.count));
    for (const r of ordered) {
      const bar = el("span", { class: "result-bar", "aria-hidden": "true" });
      bar.style.inlineSize = `${(100 * r.count) / best}%`;
      list.append(el("li", {},
        el("span", { class: "result-label", text: `${r.label}\u00a0: ${plural(r.count, kind === "Ranking" ? "point" : "vote", kind === "Ranking" ? "points" : "votes")}` }),
        el("span", { class: "result-track" }, bar)));
    }
    return list;
  };

  // In words, for the polite announcement to screen readers.
  const resultsInWords = (tally, child = false) => (isJudgment(tally)
    ? tally.results.map((r) => `${r.label}\u00a0: ${medianName(r.median, child)}`)
    : tally.results.map((r) => `${r.label}\u00a0: ${r.count}`)).join(", ");

  // The join code changes when a guest is removed: the screens show the new one, and draw its QR code again.
  const showCode = (root, sessionId, code) => {
    root.dataset.join = code ? "on" : "off";
    for (const box of root.querySelectorAll("[data-join-box]")) box.hidden = !code;
    const shown = root.querySelector("#code");
    if (!code || !shown || shown.textContent === code) return;
    shown.textContent = code;
    const qr = root.querySelector("img.join-qr");
    if (qr) qr.src = `/conseil/seances/${sessionId}/qr?v=${Date.now()}`;
  };

  return { el, kindOf, connect, timer, splitPicture, grades, childGrades, results, resultsInWords, showCode, plural };
})();
