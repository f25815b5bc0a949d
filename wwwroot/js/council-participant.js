// The participant's phone: one card for the moment (waiting, vote, « c'est noté », result), few
// words, large targets. A vote or an idea tapped while the connection is down waits on the phone
// and is sent once it is back.
(() => {
  const root = document.getElementById("salle");
  if (!root || !window.signalR) return;
  const { el, kindOf, connect, timer, splitPicture, grades, childGrades, results, resultsInWords } = window.council;
  const sessionId = Number(root.dataset.session);
  const child = root.dataset.child === "true";
  const $ = (id) => document.getElementById(id);
  const card = $("moment");
  const body = $("moment-contenu");
  const heading = $("moment-titre");

  const words = child
    ? { waiting: "Attends la question", waitingHint: "Le vote va bientôt commencer. Ton téléphone vibrera.", noted: "C'est noté\u00a0!", change: "Tu peux changer ton vote.",
        closed: "Le vote est fini", closedHint: "Regarde le tableau\u00a0!", send: "J'envoie mon vote", next: "Suivant", ended: "C'est fini\u00a0! Merci d'avoir participé\u00a0!" }
    : { waiting: "En attente de la prochaine question", waitingHint: "Quand un vote s'ouvre, il s'affiche ici.", noted: "C'est noté\u00a0!", change: "Tu peux changer ton vote jusqu'à la fin.",
        closed: "Le vote est fini", closedHint: "Le résultat va s'afficher au tableau.", send: "Envoyer mon vote", next: "Suivant", ended: "La séance est terminée. Merci d'avoir participé\u00a0!" };

  // What waits to be sent, and whose it is: kept for the tab's session so that a reload does not
  // lose it, but on a shared phone what one person left is never sent as the next one.
  const storeKey = `council-pending-${sessionId}`;
  const keptFor = 15 * 60 * 1000;
  const stored = (() => { try { return JSON.parse(sessionStorage.getItem(storeKey)); } catch { return null; } })();
  try { sessionStorage.removeItem(storeKey); } catch { /* private mode */ }
  const pending = { owner: null, at: Date.now(), vote: null, ideas: [] };
  const save = () => {
    pending.at = Date.now();
    try {
      if (pending.owner !== null && (pending.vote || pending.ideas.length)) sessionStorage.setItem(storeKey, JSON.stringify(pending));
      else sessionStorage.removeItem(storeKey);
    } catch { /* private mode: memory only */ }
  };
  const adopt = (me) => {
    if (pending.owner === me) return;
    pending.owner = me;
    if (stored && stored.owner === me && Date.now() - stored.at < keptFor) {
      pending.vote = pending.vote ?? stored.vote;
      pending.ideas = [...stored.ideas, ...pending.ideas];
    }
    save();
  };

  let poll = null;
  let picked = [];
  let grade = {};
  let step = 0;
  let phase = "waiting";
  let joined = false;
  let finished = false;
  let handRaised = false;
  let keyboardTimer = null;
  let pointer = false;

  const announce = (text) => { $("annonce").textContent = text; };
  const setState = (text) => { $("etat").textContent = text; };

  const speak = (text) => {
    if (!("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "fr-FR";
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  };
  const readAloud = (text) => ("speechSynthesis" in window
    ? el("button", { type: "button", class: "button button-secondary read-aloud", onclick: () => speak(text()) }, el("span", { "aria-hidden": "true", text: "🔊 " }), "Lire à voix haute")
    : null);

  const ballot = () => {
    const kind = kindOf(poll);
    if (kind === "MajorityJudgment") return Object.entries(grade).map(([option, g]) => `${option}:${g}`).join(",");
    return picked.join(kind === "Ranking" ? ">" : ",");
  };

  const restore = (myBallot) => {
    picked = [];
    grade = {};
    if (!myBallot || !poll) return;
    const kind = kindOf(poll);
    if (kind === "MajorityJudgment") {
      for (const pair of myBallot.split(",")) { const [o, g] = pair.split(":"); grade[o] = Number(g); }
    } else {
      picked = myBallot.split(kind === "Ranking" ? ">" : ",").map(Number);
    }
  };

  // A picture card (7–10) or a large tile, around a real radio button or checkbox.
  const tile = (type, name, option, checked, onChange) => {
    const id = `${name}-${option.id}`;
    const { picture, word } = splitPicture(option.label);
    const input = el("input", { type, id, name, value: String(option.id), checked: checked || null });
    input.addEventListener("change", onChange);
    const face = picture ?? (child ? String(poll.options.indexOf(option) + 1) : null);
    const label = el("label", { for: id },
      face ? el("span", { class: picture ? "tile-picture" : "tile-picture tile-number", "aria-hidden": "true", text: face }) : null,
      el("span", { class: "tile-word", text: word }));
    return el("div", { class: `tile${face ? " tile-with-picture" : ""}` }, input, label);
  };

  const sendButton = () => el("button", { type: "button", class: "button button-big", id: "voter", text: words.send, onclick: () => vote() });

  const drawVote = () => {
    const kind = kindOf(poll);
    heading.textContent = poll.question;
    const parts = [];
    const feedback = el("p", { id: "vote-retour", class: "live-feedback", role: "status" });
    if (kind === "SingleChoice" || kind === "EmojiScale") {
      const group = el("div", { role: "radiogroup", "aria-labelledby": "moment-titre", class: `tiles${child || kind === "EmojiScale" ? " tiles-pictures" : ""}` });
      for (const option of poll.options) {
        group.append(tile("radio", `choix-${poll.id}`, option, picked[0] === option.id, () => {
          picked = [option.id];
          // A tap votes at once; arrows on a keyboard move through the choices first, so they vote after a pause.
          clearTimeout(keyboardTimer);
          if (pointer) vote();
          else { feedback.textContent = "Pas encore envoyé…"; keyboardTimer = setTimeout(vote, 1200); }
        }));
      }
      group.addEventListener("pointerdown", () => { pointer = true; });
      group.addEventListener("keydown", () => { pointer = false; });
      parts.push(group);
    } else if (kind === "MultipleChoice") {
      const group = el("div", { role: "group", "aria-labelledby": "moment-titre", class: `tiles${child ? " tiles-pictures" : ""}` });
      for (const option of poll.options) {
        group.append(tile("checkbox", `choix-${poll.id}`, option, picked.includes(option.id), (event) => {
          picked = event.target.checked ? [...picked, option.id] : picked.filter((id) => id !== option.id);
        }));
      }
      parts.push(el("p", { class: "hint", text: "Coche tout ce qui te plaît." }), group, sendButton());
    } else if (kind === "Ranking") {
      parts.push(el("p", { class: "hint", id: "classement-aide", text: "Touche les réponses dans l'ordre que tu préfères." }));
      const group = el("div", { role: "group", "aria-labelledby": "moment-titre", "aria-describedby": "classement-aide", class: "tiles" });
      for (const option of poll.options) {
        const rank = picked.indexOf(option.id);
        group.append(el("button", {
          type: "button", class: "choice", "aria-pressed": rank >= 0 ? "true" : "false",
          text: rank >= 0 ? `${rank + 1}. ${option.label}` : option.label,
          onclick: () => { picked = rank >= 0 ? picked.filter((id) => id !== option.id) : [...picked, option.id]; drawVote(); $("moment-contenu").querySelector(`[data-rank="${option.id}"]`)?.focus(); },
          "data-rank": option.id,
        }));
      }
      parts.push(group, el("button", { type: "button", class: "button button-secondary", text: "Recommencer", onclick: () => { picked = []; drawVote(); } }), sendButton());
    } else if (kind === "MajorityJudgment") {
      const options = child ? [poll.options[Math.min(step, poll.options.length - 1)]] : poll.options;
      for (const option of options) {
        const titleId = `mention-titre-${option.id}`;
        const { picture, word } = splitPicture(option.label);
        const group = el("div", { role: "radiogroup", "aria-labelledby": `moment-titre ${titleId}`, class: child ? "tiles tiles-faces" : "grades" });
        // Children see the faces in the emoji scale's order, from the saddest to the happiest.
        const shown = (child ? childGrades : grades.map((g) => [null, g])).map(([face, name], g) => ({ face, name, g }));
        (child ? shown.reverse() : shown).forEach(({ face, name, g }) => {
          const id = `mention-${option.id}-${g}`;
          const input = el("input", { type: "radio", id, name: `mention-${option.id}`, value: String(g), checked: grade[option.id] === g || null });
          input.addEventListener("change", () => { grade[option.id] = g; });
          group.append(el("div", { class: child ? "tile tile-with-picture" : "grade" }, input,
            el("label", { for: id }, face ? el("span", { class: "tile-picture", "aria-hidden": "true", text: face }) : null, el("span", { class: "tile-word", text: name }))));
        });
        parts.push(el("div", { class: "judgment" },
          el("h3", { id: titleId, class: "judgment-option" }, picture ? el("span", { "aria-hidden": "true", text: `${picture} ` }) : null, word,
            child ? el("span", { class: "judgment-step", text: ` (${step + 1} sur ${poll.options.length})` }) : null),
          group));
      }
      if (child && step < poll.options.length - 1) {
        parts.push(el("button", { type: "button", class: "button button-big", text: words.next, id: "suivant", onclick: () => {
          if (grade[poll.options[step].id] === undefined) { feedback.textContent = "Choisis une tête d'abord."; return; }
          step++; drawVote(); card.querySelector("input")?.focus();
        } }));
      } else {
        parts.push(sendButton());
      }
    }
    if (child) {
      parts.unshift(readAloud(() => {
        if (kindOf(poll) === "MajorityJudgment") {
          const option = poll.options[Math.min(step, poll.options.length - 1)];
          return `${poll.question}. ${splitPicture(option.label).word}. ${[...childGrades].reverse().map(([, name]) => name).join(", ")}.`;
        }
        return `${poll.question}. ${poll.options.map((o) => splitPicture(o.label).word).join(", ")}.`;
      }));
    }
    // Said under the choices, never above them: the tiles stay where the finger is, for a second tap.
    const unsent = pending.vote && pending.vote.pollId === poll.id;
    if (phase === "noted" && !unsent) {
      parts.push(el("p", { class: "noted", role: "status" }, el("span", { class: "noted-mark", "aria-hidden": "true", text: "✓" }), el("span", {}, el("strong", { text: words.noted }), " ", words.change)));
    }
    if (unsent) feedback.textContent = "Pas encore envoyé\u00a0: il partira dès le retour de la connexion.";
    parts.push(feedback);
    body.replaceChildren(...parts.filter(Boolean));
  };

  const draw = () => {
    card.dataset.phase = phase;
    if (phase === "vote" || phase === "noted") { drawVote(); return; }
    if (phase === "waiting") {
      heading.textContent = words.waiting;
      body.replaceChildren(el("p", { class: "moment-hint", text: words.waitingHint }));
    } else if (phase === "closed") {
      heading.textContent = words.closed;
      body.replaceChildren(el("p", { class: "moment-hint", text: words.closedHint }));
    } else if (phase === "ended" || phase === "removed") {
      heading.textContent = phase === "ended" ? words.ended : "Tu ne fais plus partie de cette séance.";
      body.replaceChildren(el("p", {}, el("a", { href: "/conseil", class: "button", text: "Retour au Conseil" })));
      $("en-direct").hidden = true;
      $("minuteur").hidden = true;
    }
  };

  const showResult = (final) => {
    phase = "result";
    card.dataset.phase = phase;
    heading.textContent = child ? "Le résultat" : "Résultat du vote";
    body.replaceChildren(el("p", { class: "moment-question", text: final.question }), results(final, child));
    announce(`Résultat\u00a0: ${resultsInWords(final, child)}`);
    if (document.activeElement !== $("idee")) card.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  const openPoll = (p, myBallot) => {
    const fresh = !poll || poll.id !== p.id;
    poll = p;
    // A choice made on this phone and not yet sent (kept across a reload) wins over the one the room has.
    if (fresh) { step = 0; restore(pending.vote && pending.vote.pollId === p.id ? pending.vote.choice : myBallot); }
    phase = myBallot ? "noted" : "vote";
    draw();
    if (fresh && !myBallot) {
      announce(`Nouveau vote\u00a0: ${p.question}`);
      if (navigator.vibrate) navigator.vibrate([120, 60, 120]);
      // Someone typing an idea keeps their place; everyone else sees the vote come to them.
      if (document.activeElement !== $("idee")) card.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  };

  // Sends what waits, in order, one at a time; whatever fails stays for the next connection, and
  // ideas written offline go out at the room's pace (one every ten seconds) rather than being refused.
  let flushing = false;
  let retry = null;
  let answerTimer = null;
  let helpTimer = null;
  const flush = async () => {
    if (!joined || flushing) return;
    flushing = true;
    try { await send(); } finally { flushing = false; }
  };
  // The vote first, always: one tapped while an idea is on its way, or waits for the room's pace, goes next.
  const sendVote = async () => {
    while (pending.vote) {
      const sent = pending.vote;
      const ack = await connection.invoke("Vote", sent.pollId, sent.choice);
      if (pending.vote === sent) pending.vote = null;
      save();
      // A choice tapped while this one was on its way goes next, and its answer is the one shown.
      if (pending.vote) continue;
      if (poll && poll.id === sent.pollId && phase !== "closed" && phase !== "result") {
        if (ack.ok) { phase = "noted"; draw(); $("vote-retour").textContent = ""; body.querySelector(".noted")?.scrollIntoView({ behavior: "smooth", block: "nearest" }); }
        else { phase = "vote"; draw(); $("vote-retour").textContent = ack.message; }
      }
    }
  };
  const send = async () => {
    try {
      await sendVote();
      while (pending.ideas.length > 0) {
        const idea = pending.ideas[0];
        const ack = await connection.invoke("PostIdea", idea.text, idea.key);
        if (!ack.ok && ack.message.startsWith("Attends un peu")) {
          $("idee-retour").textContent = `${pending.ideas.length > 1 ? "Tes idées partent" : "Ton idée part"} une à une, toutes les dix secondes.`;
          clearTimeout(retry);
          retry = setTimeout(flush, 10500);
          await sendVote();
          return;
        }
        pending.ideas.shift();
        save();
        if (ack.help) {
          // A message an adult will read first: the answer and the numbers to call now, in a box of their
          // own that no later answer or pause overwrites, and never a scolding. A minute on, the box goes,
          // so that a neighbour glancing at the phone reads nothing of it; the 119 stays in the bar and beside the box.
          $("aide-message").textContent = ack.message;
          $("aide-maintenant").hidden = false;
          $("aide-maintenant").scrollIntoView({ behavior: "smooth", block: "nearest" });
          $("idee-retour").textContent = "";
          clearTimeout(helpTimer);
          helpTimer = setTimeout(() => { $("aide-maintenant").hidden = true; $("aide-message").textContent = ""; }, 60000);
        } else {
          const answer = ack.message ?? (ack.ok ? "Merci\u00a0!" : "");
          $("idee-retour").textContent = answer;
          // A thank-you goes after a while; a refusal stays until mended.
          clearTimeout(answerTimer);
          if (ack.ok) answerTimer = setTimeout(() => { if ($("idee-retour").textContent === answer) $("idee-retour").textContent = ""; }, 15000);
        }
        if (!ack.ok && !$("idee").value) { $("idee").value = idea.text; checkLength(); }
        await sendVote();
      }
    } catch {
      // A connection that drops is joined again, and what waits goes then. One still up whose call
      // failed (the site could not store it for a moment) tries again by itself, as the phone promised.
      if (connection.state === signalR.HubConnectionState.Connected) {
        clearTimeout(retry);
        retry = setTimeout(flush, 3000);
      }
    }
  };

  const vote = () => {
    if (!poll) return;
    clearTimeout(keyboardTimer);
    const kind = kindOf(poll);
    const feedback = $("vote-retour");
    if (kind === "MajorityJudgment" && Object.keys(grade).length < poll.options.length) { feedback.textContent = "Donne une mention à chaque réponse."; return; }
    if (picked.length === 0 && kind !== "MajorityJudgment") { feedback.textContent = "Choisis d'abord une réponse."; return; }
    if (kind === "Ranking" && picked.length < poll.options.length) { feedback.textContent = "Range toutes les réponses avant d'envoyer."; return; }
    const sent = { pollId: poll.id, choice: ballot() };
    pending.vote = sent;
    save();
    // The choice before is noted, this one not yet: its « C'est noté » goes until this one is.
    body.querySelector(".noted")?.remove();
    if (joined) {
      feedback.textContent = "Envoi…";
      flush();
      // A connection that stalls without dropping: say the vote is kept rather than « Envoi… » for ever.
      setTimeout(() => { if (pending.vote === sent && $("vote-retour")) $("vote-retour").textContent = "La connexion est lente : ton vote est gardé et partira tout seul."; }, 5000);
    }
    else feedback.textContent = "Pas encore envoyé\u00a0: il partira dès le retour de la connexion.";
  };

  const ideaItem = (idea) => {
    const count = el("span", { class: "support-count", text: String(idea.supports) });
    return el("li", { "data-idea": idea.id },
      el("p", { class: "idea-text", text: idea.text }),
      el("p", { class: "idea-author", text: idea.author }),
      el("button", {
        type: "button", class: "button button-secondary button-small",
        onclick: async () => { if (!joined) return; const ack = await connection.invoke("SupportIdea", idea.id); if (!ack.ok) $("idee-retour").textContent = ack.message; },
      }, "👍 Je soutiens ", el("span", { class: "visually-hidden", text: `l'idée « ${idea.text} » ` }), el("span", {}, "(", count, ")")));
  };

  const showHand = () => {
    $("main").setAttribute("aria-pressed", String(handRaised));
    $("main").textContent = handRaised ? "✋ Je baisse la main" : "✋ Je lève la main";
  };

  const finish = (how) => {
    finished = true;
    joined = false;
    phase = how;
    pending.vote = null;
    pending.ideas = [];
    save();
    setState(how === "ended" ? "Terminée" : "Hors de la séance");
    // Nothing left to leave.
    const quit = document.getElementById("quitter");
    if (quit) quit.hidden = true;
    connection.finish();
    timer($("minuteur"), null);
    draw();
  };

  const connection = connect(async (hub) => {
    const ack = await hub.invoke("Join", sessionId);
    if (!ack.ok) {
      if (ack.message === "La séance est terminée.") finish("ended");
      else if (ack.message === "Tu ne fais plus partie de cette séance.") finish("removed");
      else setState(ack.message);
      return;
    }
    joined = true;
    setState("En direct");
    await flush();
  }, (state) => {
    joined = false;
    setState(state === "lost" ? "Connexion perdue… on réessaie" : "Connexion…");
  });

  const showPaused = (muted) => { $("en-pause").hidden = !muted; };

  connection.on("state", (state) => {
    adopt(state.me);
    $("sujet").textContent = state.agendaItem ?? "—";
    if (state.poll) openPoll(state.poll, state.myBallot);
    else if (state.result) { poll = null; showResult(state.result); }
    else if (phase !== "closed") { poll = null; phase = "waiting"; draw(); }
    $("idees").replaceChildren(...state.ideas.map(ideaItem));
    handRaised = state.handRaised;
    showHand();
    timer($("minuteur"), state.timerEndsAt);
    showPaused(state.muted);
  });
  connection.on("agendaChanged", (item) => { $("sujet").textContent = item ?? "—"; });
  connection.on("pollOpened", (p) => openPoll(p, null));
  connection.on("pollClosed", (pollId) => {
    if (poll && poll.id !== pollId) return;
    if (pending.vote && pending.vote.pollId === pollId) { pending.vote = null; save(); }
    poll = null;
    phase = "closed";
    draw();
    announce(words.closed);
  });
  connection.on("resultShown", showResult);
  connection.on("ideaPublished", (idea) => $("idees").prepend(ideaItem(idea)));
  connection.on("ideaHidden", (id) => document.querySelector(`#idees [data-idea="${id}"]`)?.remove());
  connection.on("ideaSupported", (id, supports) => {
    const count = document.querySelector(`#idees [data-idea="${id}"] .support-count`);
    if (count) count.textContent = String(supports);
  });
  connection.on("timerStarted", (endsAt) => timer($("minuteur"), endsAt));
  connection.on("floorGiven", () => {
    handRaised = false;
    showHand();
    $("main-retour").textContent = child ? "C'est à toi de parler !" : "C'est à toi : tu as la parole.";
    if (navigator.vibrate) navigator.vibrate(200);
  });
  connection.on("mutedChanged", (muted) => { showPaused(muted); $("idee-retour").textContent = ""; });
  connection.on("removed", () => finish("removed"));
  connection.on("sessionClosed", () => finish("ended"));

  // A text longer than the room takes is never cut: the box keeps all of it and says so. Sent all the
  // same, it is read for danger first (a child's long message about being hurt goes to the adults), and
  // otherwise comes back refused with the same words, into the box.
  const ideaMax = Number($("idee").dataset.max);
  const tooLong = (text) => (child ? "Ton idée est trop longue\u00a0: enlève quelques mots." : `Ton idée fait ${text.length}\u00a0caractères\u00a0: ${ideaMax} au plus.`);
  const checkLength = () => {
    const text = $("idee").value.trim();
    const over = text.length > ideaMax;
    // Said below the button, and brought into view: on a small phone it would be under the fold.
    if (over) { $("idee").setAttribute("aria-invalid", "true"); $("idee-retour").textContent = tooLong(text); $("idee-retour").scrollIntoView({ block: "nearest" }); }
    else if ($("idee").hasAttribute("aria-invalid")) { $("idee").removeAttribute("aria-invalid"); $("idee-retour").textContent = ""; }
  };
  $("idee").addEventListener("input", checkLength);
  // What a connection carries in one message, less room for the call around the text: a text that would
  // not fit stays in the box rather than close the connection each time it is sent.
  const messageBudget = Number($("idee").dataset.messageMax) - 256;
  const fits = (text) => new TextEncoder().encode(JSON.stringify(text)).length <= messageBudget;

  $("envoyer-idee").addEventListener("click", () => {
    const text = $("idee").value.trim();
    if (!text) { $("idee-retour").textContent = "Écris ton idée avant de l'envoyer."; return; }
    if (!fits(text)) { $("idee-retour").textContent = child ? "Ton message est trop long pour partir\u00a0: coupe-le en deux." : "Ton message est trop long pour partir d'un coup\u00a0: coupe-le en deux et envoie chaque partie."; $("idee-retour").scrollIntoView({ behavior: "smooth", block: "nearest" }); return; }
    const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
    pending.ideas.push({ key, text });
    save();
    $("idee").value = "";
    if (joined) {
      $("idee-retour").textContent = "Envoi…";
      flush();
      setTimeout(() => { if (pending.ideas.some((i) => i.key === key)) $("idee-retour").textContent = "La connexion est lente : ton idée est gardée et partira toute seule."; }, 5000);
    }
    else $("idee-retour").textContent = "Pas encore envoyée\u00a0: ton idée partira dès le retour de la connexion.";
  });
  $("main").addEventListener("click", async () => {
    if (!joined) return;
    handRaised = !handRaised;
    showHand();
    $("main-retour").textContent = "";
    const ack = await connection.invoke("RaiseHand", handRaised);
    if (!ack.ok) { handRaised = false; showHand(); $("main-retour").textContent = ack.message; }
  });
  for (const button of document.querySelectorAll("[data-reaction]")) {
    button.addEventListener("click", () => { if (joined) connection.invoke("React", button.dataset.reaction); });
  }
  document.getElementById("quitter")?.addEventListener("submit", () => { pending.vote = null; pending.ideas = []; pending.owner = null; save(); });
  draw();
})();
