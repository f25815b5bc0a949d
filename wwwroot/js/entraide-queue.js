// The peer network's queue: a message waiting or reported anywhere arrives here within a second.
(() => {
  const waiting = document.getElementById("file");
  const reported = document.getElementById("signales");
  const urgent = document.getElementById("urgents");
  if (!waiting || !window.signalR || !window.liveLists) return;
  const state = document.getElementById("file-etat");
  const count = document.querySelector("[data-queue-count]");
  const { el, when } = window.liveLists;
  const baseTitle = document.title;
  let arrived = 0;
  const connection = liveConnection(waiting.dataset.live);
  connection.on("queueChanged", (entry) => {
    const list = entry.urgent ? urgent : entry.reports > 0 ? reported : waiting;
    if (!list) return;
    if (entry.urgent) document.getElementById("urgents-bloc").hidden = false;
    const known = list.querySelector(`[data-post="${entry.postId}"]`);
    known?.remove();
    list.querySelector("[data-empty]")?.remove();
    list.append(el("li", { class: "queue-entry case-new", "data-post": String(entry.postId) },
      el("p", { class: "case-meta" }, el("span", { class: entry.urgent ? "tag tag-urgent" : "tag", text: entry.reason }), ` · ${entry.circle} · `, el("time", { datetime: entry.at, text: when(entry.at) })),
      el("p", { class: "case-excerpt", text: `« ${entry.excerpt} »` }),
      el("p", {}, el("a", { href: `/pilotage/entraide/messages/${entry.postId}`, text: entry.urgent ? `Lire le message n° ${entry.postId} et aller à son cas` : `Lire et décider (message n° ${entry.postId})` }))));
    if (list === waiting && !known) {
      count.textContent = `(${Number(count.textContent.replace(/\D/g, "")) + 1})`;
    }
    state.textContent = `Nouveau : ${entry.reason}, ${entry.circle}.`;
    // Seen from another tab too: the title counts what arrived since the page was opened.
    if (!known) {
      arrived += 1;
      document.title = `(${arrived} nouveau${arrived > 1 ? "x" : ""}) ${baseTitle}`;
    }
  });
  const watch = () => connection.invoke("WatchQueue");
  connection.onreconnecting(() => { state.textContent = "Connexion perdue… on réessaie."; });
  connection.onreconnected(() => watch().then(() => { state.textContent = "En direct. Rechargez la page pour voir ce qui est arrivé pendant la coupure."; }));
  connection.start().then(watch).then(() => { state.textContent = "En direct : les nouveaux messages s'affichent ici sans recharger."; }, () => { state.textContent = "Pas de mise à jour en direct : rechargez la page de temps en temps."; });
})();
