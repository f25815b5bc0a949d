// The projector: big, high contrast, for the whole room. It shows ideas once published and
// results as they come, a few times a second.
(() => {
  const root = document.getElementById("projecteur");
  if (!root || !window.signalR) return;
  const { el, connect, timer, results, showCode } = window.council;
  const sessionId = Number(root.dataset.session);
  const $ = (id) => document.getElementById(id);

  const connection = connect(async (hub, say) => {
    const ack = await hub.invoke("JoinAsFacilitator", sessionId);
    say(ack.ok ? "" : ack.message);
  });
  const showTally = (tally) => {
    $("bulletins").textContent = `${tally.ballots} ${tally.ballots > 1 ? "votes" : "vote"}`;
    $("barres").replaceChildren(results(tally));
  };
  const showPoll = (poll) => {
    $("vote").hidden = !poll;
    $("question").textContent = poll ? poll.question : "";
    if (poll) { $("bulletins").textContent = "0 vote"; $("barres").replaceChildren(); }
  };
  const ideaItem = (idea) => el("li", { "data-idea": idea.id }, el("span", { text: idea.text }), el("span", { class: "support-count", text: ` 👍 ${idea.supports}` }));

  connection.on("state", (state) => {
    showCode(root, sessionId, state.joinCode);
    $("sujet").textContent = state.agendaItem ?? "";
    showPoll(state.poll);
    if (state.tally) showTally(state.tally);
    $("idees").replaceChildren(...state.ideas.map(ideaItem));
    timer($("minuteur"), state.timerEndsAt);
  });
  connection.on("agendaChanged", (item) => { $("sujet").textContent = item ?? ""; });
  connection.on("pollOpened", showPoll);
  connection.on("tally", showTally);
  connection.on("pollClosed", (tally) => { $("vote").hidden = false; showTally(tally); $("bulletins").textContent += " · vote terminé"; });
  connection.on("ideaPublished", (idea) => $("idees").prepend(ideaItem(idea)));
  connection.on("ideaHidden", (id) => document.querySelector(`#idees [data-idea="${id}"]`)?.remove());
  connection.on("ideaSupported", (id, supports) => {
    const count = document.querySelector(`#idees [data-idea="${id}"] .support-count`);
    if (count) count.textContent = ` 👍 ${supports}`;
  });
  connection.on("reactions", (counts) => {
    $("reactions").textContent = Object.entries(counts).map(([emoji, n]) => `${emoji} ${n}`).join("   ");
  });
  connection.on("timerStarted", (endsAt) => timer($("minuteur"), endsAt));
  connection.on("console", () => {});
  connection.on("sessionClosed", () => { $("etat").textContent = "La séance est terminée."; });
})();
