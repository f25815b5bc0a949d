// The facilitator's console: agenda, polls, moderation queue, raised hands, participants, timer.
(() => {
  const root = document.getElementById("console");
  if (!root || !window.signalR) return;
  const { el, connect, results, showCode } = window.council;
  const sessionId = Number(root.dataset.session);
  const $ = (id) => document.getElementById(id);
  const feedback = (ack) => { $("console-retour").textContent = ack.ok ? "" : ack.message; };

  const connection = connect(async (hub, say) => {
    const ack = await hub.invoke("JoinAsFacilitator", sessionId);
    say(ack.ok ? "Connecté·e à la séance." : ack.message);
  });
  const call = async (method, ...args) => feedback(await connection.invoke(method, ...args));

  const ideaItem = (idea, pending) => el("li", { "data-idea": idea.id },
    el("p", { text: `${idea.text} — ${idea.author}` }),
    pending ? el("button", { type: "button", class: "button button-small", text: "Publier", onclick: () => call("Moderate", idea.id, true) }) : null,
    el("button", { type: "button", class: "button button-secondary button-small", text: "Masquer", onclick: () => call("Moderate", idea.id, false) }));

  connection.on("state", (state) => {
    showCode(root, sessionId, state.joinCode);
    $("idees").replaceChildren(...state.ideas.map((i) => ideaItem(i, false)));
    $("invites").checked = state.guestsAllowed;
    $("premoderation").checked = state.preModeration;
    if (state.tally) $("resultats").replaceChildren(results(state.tally));
  });
  connection.on("console", (state) => {
    $("presence").textContent = `${state.connectedCount} connecté·es sur ${state.participantCount}`;
    $("file").replaceChildren(...state.queue.map((i) => ideaItem(i, true)));
    $("mains").replaceChildren(...state.hands.map((h) => el("li", {},
      el("span", { text: `${h.pseudonym} ` }),
      el("button", { type: "button", class: "button button-secondary button-small", text: "Donner la parole", onclick: () => call("LowerHand", h.participantId) }))));
    $("participants").replaceChildren(...state.participants.map((p) => el("li", {},
      el("span", { text: `${p.pseudonym}${p.ageBand ? ` (${p.ageBand})` : ""}${p.isGuest ? " · invité·e" : ""}${p.connected ? "" : " · déconnecté·e"} ` }),
      el("button", { type: "button", class: "button button-secondary button-small", text: p.muted ? "Rendre la parole" : "Mettre en pause", onclick: () => call("Mute", p.id, !p.muted) }),
      el("button", { type: "button", class: "button button-secondary button-small", text: "Retirer", onclick: () => { if (confirm(`Retirer ${p.pseudonym} de la séance ?`)) call("Remove", p.id); } }))));
  });
  connection.on("tally", (tally) => $("resultats").replaceChildren(results(tally)));
  connection.on("pollClosed", (tally) => $("resultats").replaceChildren(el("p", { text: "Résultat final :" }), results(tally)));
  connection.on("ideaPublished", (idea) => $("idees").prepend(ideaItem(idea, false)));
  connection.on("ideaHidden", (id) => document.querySelector(`#idees [data-idea="${id}"]`)?.remove());

  for (const button of root.querySelectorAll("[data-agenda]")) button.addEventListener("click", () => call("SetAgendaItem", Number(button.dataset.agenda)));
  for (const button of root.querySelectorAll("[data-poll]")) {
    button.addEventListener("click", async () => {
      const ack = await connection.invoke("OpenPoll", Number(button.dataset.poll));
      feedback(ack);
      if (ack.ok) button.disabled = true;
    });
  }
  for (const button of root.querySelectorAll("[data-timer]")) button.addEventListener("click", () => call("StartTimer", Number(button.dataset.timer)));
  $("fermer-vote").addEventListener("click", () => call("ClosePoll"));
  $("invites").addEventListener("change", (event) => call("AllowGuests", event.target.checked));
  $("premoderation").addEventListener("change", async (event) => {
    const ack = await connection.invoke("SetPreModeration", event.target.checked);
    feedback(ack);
    if (!ack.ok) event.target.checked = true;
  });
})();
