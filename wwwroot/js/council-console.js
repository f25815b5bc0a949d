// The facilitator's console: the open poll and its « voted / connected » count, results before the
// room sees them, ideas to approve or hide in one tap, raised hands, the people in the room.
(() => {
  const root = document.getElementById("console");
  if (!root || !window.signalR) return;
  const { el, connect, timer, results, showCode, plural } = window.council;
  const sessionId = Number(root.dataset.session);
  const $ = (id) => document.getElementById(id);
  const feedback = (ack) => { $("console-retour").textContent = ack.ok ? "" : ack.message; return ack; };

  let poll = null;
  let result = null;
  let revealed = false;
  let participants = 0;

  // The same words wherever the console counts people: « 12 connecté·es sur 15 ».
  const presence = (connected) => { $("presence").textContent = `${plural(connected, "connecté·e", "connecté·es")} sur ${participants}`; };

  // Once the session is over nothing on the console acts any more, and it says so at the top.
  const ended = (message) => {
    connection.finish();
    timer($("minuteur"), null);
    $("etat").textContent = message;
    root.dataset.ended = "true";
    showCode(root, sessionId, null);
    for (const control of root.querySelectorAll("button, input, select")) control.disabled = true;
    $("console-fin").hidden = false;
  };

  const connection = connect(async (hub) => {
    const ack = await hub.invoke("JoinAsFacilitator", sessionId);
    if (!ack.ok && ack.message === "La séance n'est pas en cours.") { ended("Séance terminée"); return; }
    $("etat").textContent = ack.ok ? "En direct" : ack.message;
  }, () => { $("etat").textContent = "Connexion perdue… on réessaie"; });
  const call = async (method, ...args) => feedback(await connection.invoke(method, ...args));

  const buttons = () => {
    $("fermer-vote").disabled = !poll;
    $("reveler").disabled = poll !== null || result === null || revealed;
    $("reveler").textContent = revealed ? "Résultats affichés" : "Afficher les résultats";
    for (const button of root.querySelectorAll("[data-poll]")) {
      const open = poll !== null && Number(button.dataset.poll) === poll.id;
      button.disabled = poll !== null || button.dataset.done === "true";
      button.textContent = open ? "En cours" : button.dataset.done === "true" ? "Fait" : "Ouvrir";
      button.setAttribute("aria-label", `${button.textContent}\u00a0: ${button.dataset.question}`);
      button.closest("li").classList.toggle("is-open", open);
    }
    if (!poll) $("progression").textContent = result ? `Vote fini\u00a0: ${plural(result.ballots, "vote", "votes")}.` : "Aucun vote ouvert.";
  };

  const ideaItem = (idea, pending) => el("li", { "data-idea": idea.id },
    el("p", {}, el("span", { text: idea.text }), el("span", { class: "idea-author", text: ` — ${idea.author}` })),
    el("div", { class: "console-buttons" },
      pending ? el("button", { type: "button", class: "button button-small", text: "Publier", "aria-label": `Publier\u00a0: ${idea.text}`, onclick: () => call("Moderate", idea.id, true) }) : null,
      el("button", { type: "button", class: "button button-secondary button-small", text: "Masquer", "aria-label": `Masquer\u00a0: ${idea.text}`, onclick: () => call("Moderate", idea.id, false) })));

  connection.on("state", (state) => {
    showCode(root, sessionId, state.joinCode);
    $("idees").replaceChildren(...[...state.ideas].reverse().map((i) => ideaItem(i, false)));
    $("invites").checked = state.guestsAllowed;
    $("premoderation").checked = state.preModeration;
    poll = state.poll;
    result = state.result;
    revealed = state.resultRevealed;
    if (state.tally) $("resultats").replaceChildren(results(state.tally));
    else if (result) $("resultats").replaceChildren(results(result));
    if (poll) $("progression").textContent = `${poll.question} · ouvert`;
    if (state.progress) showProgress(state.progress);
    timer($("minuteur"), state.timerEndsAt);
    buttons();
  });
  const showProgress = (progress) => {
    if (poll) $("progression").textContent = `${poll.question} · ${progress.voted}/${progress.connected} ${progress.voted > 1 ? "ont voté" : "a voté"}`;
    presence(progress.connected);
  };
  connection.on("progress", showProgress);
  connection.on("console", (state) => {
    for (const alert of state.heldForSafety ?? []) addAlert(alert);
    participants = state.participantCount;
    presence(state.connectedCount);
    $("file-compte").textContent = state.queue.length ? String(state.queue.length) : "";
    $("file").replaceChildren(...(state.queue.length ? state.queue.map((i) => ideaItem(i, true)) : [el("li", { class: "empty", text: "Aucune idée en attente." })]));
    $("mains-compte").textContent = state.hands.length ? String(state.hands.length) : "";
    $("mains").replaceChildren(...(state.hands.length ? [] : [el("li", { class: "empty", text: "Aucune main levée." })]), ...state.hands.map((h) => el("li", {},
      el("span", { text: h.pseudonym }),
      el("button", { type: "button", class: "button button-secondary button-small", text: "Donner la parole", "aria-label": `Donner la parole à ${h.pseudonym}`, onclick: () => call("LowerHand", h.participantId) }))));
    $("participants").replaceChildren(...state.participants.map((p) => el("li", { class: p.connected ? "" : "is-away" },
      el("span", { class: "person" }, el("span", { class: "person-name", text: p.pseudonym }),
        el("span", { class: "person-detail", text: `${p.ageBand ?? ""}${p.isGuest ? " invité·e" : ""}${p.connected ? "" : " · parti·e"}` })),
      el("div", { class: "console-buttons" },
        el("button", { type: "button", class: "button button-secondary button-small", text: p.muted ? "Réactiver" : "Suspendre",
          title: p.muted ? "Lui rendre les idées, la main et les réactions" : "Suspendre ses idées, sa main et ses réactions (le vote reste possible)",
          "aria-label": p.muted ? `Réactiver ${p.pseudonym} : idées, main et réactions` : `Suspendre ${p.pseudonym} : idées, main et réactions`, onclick: () => call("Mute", p.id, !p.muted) }),
        el("button", { type: "button", class: "button button-secondary button-small", text: "Retirer", "aria-label": `Retirer ${p.pseudonym}`, onclick: () => { if (confirm(`Retirer ${p.pseudonym} de la séance\u00a0? Son vote en cours est retiré avec elle ou lui\u00a0; les votes déjà finis restent.`)) call("Remove", p.id); } })))));
  });
  connection.on("pollOpened", (p) => {
    poll = p;
    result = null;
    revealed = false;
    $("resultats").replaceChildren();
    $("progression").textContent = `${p.question} · ouvert`;
    const button = root.querySelector(`[data-poll="${p.id}"]`);
    if (button) button.dataset.done = "true";
    buttons();
  });
  // Running tallies and the final count can cross on their way from two instances, and the final count
  // can arrive before « vote fermé »: a final result is kept whatever comes after it.
  connection.on("tally", (tally) => {
    if (result?.final && result.pollId === tally.pollId && !tally.final) return;
    if (!poll || tally.pollId !== poll.id || tally.final) result = tally;
    $("resultats").replaceChildren(results(tally));
    buttons();
  });
  connection.on("pollClosed", () => { poll = null; buttons(); });
  connection.on("resultShown", () => { revealed = true; buttons(); });
  connection.on("ideaPublished", (idea) => $("idees").prepend(ideaItem(idea, false)));
  connection.on("ideaHidden", (id) => $("idees").querySelector(`[data-idea="${id}"]`)?.remove());
  connection.on("timerStarted", (endsAt) => timer($("minuteur"), endsAt));
  // An idea held for safety: the adult in the room goes to speak with its author; the case itself is the moderators'.
  // Told as it happens, and again with each state of the console: one that missed the moment (Redis
  // away, another instance) shows it all the same. Each alert once, newest first, at Paris time.
  const alertKey = (alert) => `${Math.floor(new Date(alert.at).getTime() / 1000)}|${alert.pseudonym}`;
  const shownAlerts = new Set([...$("securite-liste").children].map((line) => line.dataset.key));
  const addAlert = (alert) => {
    if (!alert || typeof alert !== "object") return;
    const key = alertKey(alert);
    if (shownAlerts.has(key)) return;
    shownAlerts.add(key);
    const list = $("securite-liste");
    const lines = [...list.children];
    const time = new Date(alert.at).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
    const line = el("li", { "data-key": key, text: `${time} — une idée de ${alert.pseudonym} a été mise de côté pour sa sécurité. Allez lui parler discrètement\u00a0; l'équipe de modération a reçu le message.` });
    const seconds = (k) => Number(k.split("|")[0]);
    list.insertBefore(line, lines.find((older) => seconds(older.dataset.key) < seconds(key)) ?? null);
    $("securite").hidden = false;
  };
  connection.on("ideaHeldForSafety", addAlert);
  connection.on("sessionClosed", () => ended("Séance terminée"));

  for (const button of root.querySelectorAll("[data-poll]")) {
    button.addEventListener("click", async () => {
      const ack = feedback(await connection.invoke("OpenPoll", Number(button.dataset.poll)));
      if (ack.ok) button.dataset.done = "true";
    });
  }
  $("ordre").addEventListener("change", (event) => call("SetAgendaItem", Number(event.target.value)));
  for (const button of root.querySelectorAll("[data-timer]")) button.addEventListener("click", () => call("StartTimer", Number(button.dataset.timer)));
  $("fermer-vote").addEventListener("click", () => call("ClosePoll"));
  $("reveler").addEventListener("click", () => call("RevealResult"));
  $("invites").addEventListener("change", (event) => call("AllowGuests", event.target.checked));
  $("premoderation").addEventListener("change", async (event) => {
    const ack = await call("SetPreModeration", event.target.checked);
    if (!ack.ok) event.target.checked = true;
  });
})();
