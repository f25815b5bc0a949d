// A circle live: a message published by a moderator, or by an adult member, shows without reloading.
// The hub adds this page to the circle's group only after checking the person belongs to it.
(() => {
  const list = document.getElementById("fils") || document.getElementById("reponses");
  if (!list || !window.signalR || !window.liveLists) return;
  const state = document.getElementById("fils-etat");
  const circle = Number(list.dataset.circle);
  const thread = list.dataset.thread ? Number(list.dataset.thread) : null;
  const muted = new Set((list.dataset.muted || "").split("\n").filter((p) => p));
  const { el, when } = window.liveLists;
  const meta = (post) => el("p", { class: "post-meta" },
    el("strong", { text: post.author }),
    post.badge ? " · " : null, post.badge ? el("span", { class: "badge-helper", text: post.badge }) : null,
    " · ", el("time", { datetime: post.at, text: when(post.at) }));
  const resources = (post) => post.resources.length === 0 ? null
    : el("ul", { class: "post-resources", "aria-label": "Fiches utiles" },
      ...post.resources.map((r) => el("li", {}, el("a", { href: `/entraide/ressources/${r.slug}`, text: `📄 ${r.title}` }))));

  function threadCard(post) {
    return el("li", { class: "thread-card thread-new", "data-post": String(post.id) },
      el("h3", { dir: "auto" }, el("a", { href: `/entraide/cercles/${list.dataset.slug}/fils/${post.id}`, text: post.title })),
      el("p", { class: "thread-excerpt", text: post.text.length > 160 ? `${post.text.slice(0, 159)}…` : post.text }),
      meta(post));
  }

  function reply(post) {
    return el("li", { class: "post-new" },
      el("article", { class: "post", id: `message-${post.id}`, "data-post": String(post.id) },
        meta(post),
        el("div", { class: "post-text" }, ...post.text.split("\n").map((line) => el("p", { text: line }))),
        resources(post),
        el("p", { class: "post-actions" }, el("a", { href: `${location.pathname}${location.search}#message-${post.id}`, text: "Réagir ou signaler (recharger la page)" }))));
  }

  const connection = liveConnection(list.dataset.live);
  connection.on("postPublished", (post) => {
    if (post.circleId !== circle || muted.has(post.author) || list.querySelector(`[data-post="${post.id}"]`)) return;
    if (thread === null && post.isThread && list.dataset.firstPage === "true") {
      list.parentElement.querySelector("[data-empty]")?.remove();
      list.prepend(threadCard(post));
      state.textContent = `Nouveau fil : ${post.title}`;
    } else if (thread !== null && !post.isThread && post.threadId === thread && list.dataset.lastPage === "true") {
      list.append(reply(post));
      state.textContent = `Nouvelle réponse de ${post.author}.`;
    }
  });
  connection.on("postRemoved", (id) => {
    list.querySelector(`[data-post="${id}"]`)?.closest("li")?.remove();
  });
  const follow = async () => {
    const ok = await connection.invoke("Follow", circle);
    state.textContent = ok ? "En direct : les nouveaux messages s'affichent sans recharger." : "";
  };
  connection.onreconnecting(() => { state.textContent = "Connexion perdue… on réessaie."; });
  connection.onreconnected(() => follow().catch(() => {}));
  connection.start().then(follow).catch(() => { state.textContent = ""; });
})();
