// The participant's phone: one big thing at a time, few words, large buttons.
(() => {
  const root = document.getElementById("salle");
  if (!root || !window.signalR) return;
  const { el, connect, timer, results } = window.council;
  const sessionId = Number(root.dataset.session);
  const $ = (id) => document.getElementById(id);
  const kinds = ["SingleChoice", "MultipleChoice", "EmojiScale", "Ranking", "MajorityJudgment"];
  const grades = ["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"];
  let poll = null;
  let picked = [];
  let handRaised = false;
  const showHand = () => {
    $("main").setAttribute("aria-pressed", String(handRaised));
    $("main").textContent = handRaised ? "✋ Je baisse la main" : "✋ Je lève la main";
  };

  const kindOf = (p) => (typeof p.kind === "number" ? kinds[p.kind] : p.kind);

  const drawChoices = () => {
    const box = $("choix");
    box.replaceChildren();
    if (!poll) return;
    const kind = kindOf(poll);
    if (kind === "MajorityJudgment") {
      for (const option of poll.options) {
        const id = `mention-${option.id}`;
        const select = el("select", { id, "data-option": option.id },
          el("option", { value: "", text: "Choisis une mention" }),
          ...grades.map((g, i) => el("option", { value: String(i), text: g })));
        const known = picked.find((p) => p.option === option.id);
        if (known) select.value = String(known.grade);
        select.addEventListener("change", () => {
          picked = picked.filter((p) => p.option !== option.id);
          if (select.value !== "") picked.push({ option: option.id, grade: Number(select.value) });
        });
        box.append(el("div", { class: "field" }, el("label", { for: id, text: option.label }), select));
      }
      return;
    }
    if (kind === "Ranking") {
      box.append(el("p", { class: "hint", text: "Touche les réponses dans l'ordre que tu préfères." }));
    }
    for (const option of poll.options) {
      const rank = picked.indexOf(option.id);
      const button = el("button", {
        type: "button",
        class: `choice${kind === "EmojiScale" ? " choice-emoji" : ""}`,
        "aria-pressed": rank >= 0 ? "true" : "false",
        text: kind === "Ranking" && rank >= 0 ? `${rank + 1}. ${option.label}` : option.label,
      });
      button.addEventListener("click", () => {
        if (kind === "SingleChoice" || kind === "EmojiScale") picked = [option.id];
        else if (picked.includes(option.id)) picked = picked.filter((id) => id !== option.id);
        else picked.push(option.id);
        drawChoices();
      });
      box.append(button);
    }
    if (kind === "Ranking") {
      box.append(el("button", { type: "button", class: "button button-secondary", text: "Recommencer", onclick: () => { picked = []; drawChoices(); } }));
    }
  };

  const showPoll = (p, myBallot) => {
    poll = p;
    picked = [];
    if (myBallot) {
      const kind = kindOf(p);
      if (kind === "MajorityJudgment") picked = myBallot.split(",").map((pair) => { const [o, g] = pair.split(":"); return { option: Number(o), grade: Number(g) }; });
      else picked = myBallot.split(kind === "Ranking" ? ">" : ",").map(Number);
    }
    $("vote").hidden = !p;
    $("question").textContent = p ? p.question : "";
    $("vote-retour").textContent = myBallot ? "Ton vote est enregistré. Tu peux le changer jusqu'à la fin." : "";
    if (p) $("resultat").hidden = true;
    drawChoices();
  };

  const ballot = () => {
    const kind = kindOf(poll);
    if (kind === "MajorityJudgment") return picked.map((p) => `${p.option}:${p.grade}`).join(",");
    return picked.join(kind === "Ranking" ? ">" : ",");
  };

  const ideaItem = (idea) => {
    const count = el("span", { class: "support-count", text: String(idea.supports) });
    return el("li", { "data-idea": idea.id },
      el("p", { class: "idea-text", text: idea.text }),
      el("p", { class: "idea-author", text: idea.author }),
      el("button", {
        type: "button", class: "button button-secondary button-small",
        onclick: async () => { const ack = await connection.invoke("SupportIdea", idea.id); if (!ack.ok) $("idee-retour").textContent = ack.message; },
      }, "👍 Je soutiens ", el("span", { class: "visually-hidden", text: `l'idée « ${idea.text} » ` }), "(", count, ")"));
  };

  const connection = connect(async (hub, say) => {
    const ack = await hub.invoke("Join", sessionId);
    say(ack.ok ? "Tu es dans la séance." : ack.message);
  });

  connection.on("state", (state) => {
    $("sujet").textContent = state.agendaItem ?? "—";
    showPoll(state.poll, state.myBallot);
    $("idees").replaceChildren(...state.ideas.map(ideaItem));
    handRaised = state.handRaised;
    showHand();
    timer($("minuteur"), state.timerEndsAt);
  });
  connection.on("agendaChanged", (item) => { $("sujet").textContent = item ?? "—"; });
  connection.on("pollOpened", (p) => showPoll(p, null));
  connection.on("pollClosed", (final) => {
    showPoll(null, null);
    $("resultat").hidden = false;
    $("resultat-contenu").replaceChildren(results(final));
  });
  connection.on("ideaPublished", (idea) => $("idees").prepend(ideaItem(idea)));
  connection.on("ideaHidden", (id) => document.querySelector(`#idees [data-idea="${id}"]`)?.remove());
  connection.on("ideaSupported", (id, supports) => {
    const count = document.querySelector(`#idees [data-idea="${id}"] .support-count`);
    if (count) count.textContent = String(supports);
  });
  connection.on("timerStarted", (endsAt) => timer($("minuteur"), endsAt));
  connection.on("mutedChanged", (muted) => { $("idee-retour").textContent = muted ? "L'animateur·rice a mis tes messages en pause." : ""; });
  connection.on("removed", () => { root.replaceChildren(el("p", { class: "notice", text: "L'animateur·rice t'a retiré·e de la séance." })); connection.stop(); });
  connection.on("sessionClosed", () => { $("etat").textContent = "La séance est terminée. Merci d'avoir participé !"; showPoll(null, null); });

  $("voter").addEventListener("click", async () => {
    if (!poll) return;
    const ack = await connection.invoke("Vote", poll.id, ballot());
    $("vote-retour").textContent = ack.ok ? "C'est noté ! Tu peux changer ton vote jusqu'à la fin." : ack.message;
  });
  $("envoyer-idee").addEventListener("click", async () => {
    const text = $("idee").value;
    const ack = await connection.invoke("PostIdea", text);
    $("idee-retour").textContent = ack.message ?? (ack.ok ? "Merci !" : "");
    if (ack.ok) $("idee").value = "";
  });
  $("main").addEventListener("click", async () => {
    handRaised = !handRaised;
    await connection.invoke("RaiseHand", handRaised);
    showHand();
  });
  for (const button of document.querySelectorAll("[data-reaction]")) {
    button.addEventListener("click", () => connection.invoke("React", button.dataset.reaction));
  }
})();
