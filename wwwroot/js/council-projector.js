// The projector: one 16:9 screen for the whole room, read from the back. It shows the question,
// how many have voted, the result once the facilitator reveals it, and the ideas page by page.
(() => {
  const root = document.getElementById("projecteur");
  if (!root || !window.signalR) return;
  const { el, kindOf, connect, timer, splitPicture, grades, results, showCode, plural } = window.council;
  const sessionId = Number(root.dataset.session);
  const $ = (id) => document.getElementById(id);
  const PageSeconds = 10;

  let poll = null;
  let closedBallots = 0;
  // A vote closed and its result not shown yet: « Le résultat arrive… » until it is, or the session ends.
  let resultAwaited = false;
  let ideas = [];
  let pages = [];
  let page = 0;

  // Shrinks the text of a box until it fits, so that nothing is ever cut off or scrolls.
  const fit = (box) => {
    box.style.fontSize = "";
    let size = 1;
    while (box.scrollHeight > box.clientHeight + 1 && size > 0.45) {
      size -= 0.05;
      box.style.fontSize = `${size}em`;
    }
  };

  const ideaItem = (idea) => el("li", { "data-idea": idea.id },
    el("span", { class: "projector-idea-text", text: idea.text }),
    el("span", { class: "support-count", text: ` 👍 ${idea.supports}` }));

  // Cuts the ideas into pages that fill the box without overflowing it.
  const paginate = () => {
    const list = $("idees");
    pages = [];
    let current = [];
    list.replaceChildren();
    for (const idea of ideas) {
      const item = ideaItem(idea);
      list.append(item);
      if (list.scrollHeight > list.clientHeight + 1 && current.length > 0) {
        pages.push(current);
        current = [];
        list.replaceChildren(item);
      }
      current.push(idea);
    }
    if (current.length > 0) pages.push(current);
    page = Math.min(page, Math.max(0, pages.length - 1));
    showPage();
  };

  const showPage = () => {
    const list = $("idees");
    const shown = pages[page] ?? [];
    list.replaceChildren(...shown.map(ideaItem));
    for (const item of list.children) if (list.scrollHeight > list.clientHeight + 1) fit(item);
    $("idees-page").textContent = pages.length > 1 ? `${page + 1}/${pages.length}` : "";
    $("idees-bloc").hidden = ideas.length === 0 && root.dataset.mode === "vote";
    if (ideas.length === 0) list.replaceChildren(el("li", { class: "projector-empty", text: "Les idées de la salle s'afficheront ici." }));
  };

  setInterval(() => {
    if (pages.length < 2) return;
    page = (page + 1) % pages.length;
    showPage();
  }, PageSeconds * 1000);

  const mode = (name) => {
    root.dataset.mode = name;
    $("vote").hidden = name !== "vote";
    requestAnimationFrame(() => { paginate(); fit($("vote")); });
  };

  // While the vote is open the room sees what it can choose from, never how the votes lean.
  const choices = (p) => {
    const list = el("ul", { class: "projector-choices" });
    for (const option of p.options) {
      const { picture, word } = splitPicture(option.label);
      list.append(el("li", {}, picture ? el("span", { class: "projector-choice-picture", "aria-hidden": "true", text: picture }) : null, el("span", { text: word })));
    }
    if (kindOf(p) !== "MajorityJudgment") return list;
    return el("div", {}, list, el("p", { class: "projector-grades", text: `Une mention pour chacune\u00a0: ${grades.join(", ")}.` }));
  };

  const showPoll = (p) => {
    // A new poll counts its own ballots from none: never the last poll's.
    if (!poll || poll.id !== p.id) closedBallots = 0;
    resultAwaited = false;
    poll = p;
    $("question").textContent = p.question;
    $("bulletins").textContent = "Le vote est ouvert";
    $("barres").replaceChildren(choices(p));
    mode("vote");
  };

  const showProgress = (progress) => {
    if (!poll) return;
    $("bulletins").textContent = `${progress.voted}/${progress.connected} ${progress.voted > 1 ? "ont voté" : "a voté"}`;
  };

  const showResult = (tally) => {
    resultAwaited = false;
    $("question").textContent = tally.question ?? $("question").textContent;
    $("bulletins").textContent = `${plural(tally.ballots, "vote", "votes")} · résultat`;
    $("barres").replaceChildren(results(tally));
    mode("vote");
  };

  const connection = connect(async (hub) => {
    const ack = await hub.invoke("JoinAsProjector", sessionId);
    $("etat").textContent = ack.ok ? "" : ack.message;
  }, () => { $("etat").textContent = "Connexion perdue… on réessaie"; });

  connection.on("state", (state) => {
    showCode(root, sessionId, state.joinCode);
    $("sujet").textContent = state.agendaItem ?? "";
    ideas = [...state.ideas].reverse();
    timer($("minuteur"), state.timerEndsAt);
    if (state.poll) { showPoll(state.poll); if (state.progress) showProgress(state.progress); }
    else if (state.result) showResult(state.result);
    else mode("ideas");
  });
  connection.on("agendaChanged", (item) => { $("sujet").textContent = item ?? ""; });
  connection.on("pollOpened", showPoll);
  connection.on("progress", (progress) => { if (poll) closedBallots = progress.voted; showProgress(progress); });
  connection.on("pollClosed", () => {
    poll = null;
    resultAwaited = true;
    $("bulletins").textContent = `Vote terminé · ${plural(closedBallots, "vote", "votes")}. Le résultat arrive…`;
  });
  connection.on("resultShown", showResult);
  // A new idea joins the first page; the page on the wall stays until its turn is over.
  connection.on("ideaPublished", (idea) => { ideas.unshift(idea); paginate(); });
  connection.on("ideaHidden", (id) => { ideas = ideas.filter((i) => i.id !== id); paginate(); });
  connection.on("ideaSupported", (id, supports) => {
    const idea = ideas.find((i) => i.id === id);
    if (idea) idea.supports = supports;
    const count = document.querySelector(`#idees [data-idea="${id}"] .support-count`);
    if (count) count.textContent = ` 👍 ${supports}`;
  });
  connection.on("reactions", (counts) => {
    $("reactions").textContent = Object.entries(counts).map(([emoji, n]) => `${emoji} ${n}`).join("   ");
  });
  connection.on("timerStarted", (endsAt) => timer($("minuteur"), endsAt));
  connection.on("sessionClosed", () => {
    connection.finish();
    timer($("minuteur"), null);
    showCode(root, sessionId, null);
    // A vote closed whose result was never shown: no result is on its way any more.
    if (resultAwaited) $("bulletins").textContent = `Vote terminé · ${plural(closedBallots, "vote", "votes")}.`;
    $("etat").textContent = "La séance est terminée. Merci à toutes et à tous\u00a0!";
  });
  window.addEventListener("resize", () => { paginate(); fit($("vote")); });
})();
