// The urgent queue: a case opened anywhere on the site arrives at the top within a second.
(() => {
  const list = document.getElementById("urgences");
  if (!list || !window.signalR || !window.liveLists) return;
  const state = document.getElementById("urgences-etat");
  const { el, when } = window.liveLists;
  const item = (c) => el("li", { class: "case-item case-unseen case-new", "data-case": String(c.id) },
    el("p", { class: "case-meta" }, el("span", { class: "tag tag-urgent", text: "pas encore ouvert" }), ` ${c.categories} · ${c.channel} · `, el("time", { datetime: new Date(c.flaggedAt).toISOString(), text: when(c.flaggedAt) })),
    el("p", { class: "case-excerpt", text: `« ${c.excerpt} »` }),
    el("p", { class: "case-origin" }, `${c.origin} — `, el("a", { href: `/pilotage/vigilance/cas/${c.id}`, text: `Ouvrir le cas n° ${c.id}` })));

  const connection = liveConnection(list.dataset.live);
  connection.on("caseOpened", (c) => {
    if (list.querySelector(`[data-case="${c.id}"]`)) return;
    list.querySelector("[data-empty]")?.remove();
    list.prepend(item(c));
    state.textContent = `Nouveau cas n° ${c.id}\u00a0: ${c.categories}.`;
  });
  connection.on("caseSeen", (id) => {
    const seen = list.querySelector(`[data-case="${id}"]`);
    if (!seen) return;
    seen.classList.remove("case-unseen");
    seen.querySelector(".tag-urgent")?.remove();
  });
  connection.onreconnecting(() => { state.textContent = "Connexion perdue… on réessaie."; });
  connection.onreconnected(() => { state.textContent = "En direct. Rechargez la page pour voir les cas arrivés pendant la coupure."; });
  connection.start().then(() => { state.textContent = "En direct : les nouveaux cas s'affichent ici sans recharger."; }, () => { state.textContent = "Pas de mise à jour en direct : rechargez la page de temps en temps."; });
})();
