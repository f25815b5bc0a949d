// Collecting testimonies in the field. Each answer is written to the phone (IndexedDB) with its own
// id before anything is sent, then sent when the site can be reached: now, when the network comes
// back, or when the page is opened again. The site stores an id once, so a retry is harmless.
(() => {
  "use strict";

  const form = document.querySelector("[data-collect]");
  if (!form || !("indexedDB" in window)) {
    return;
  }

  const young = form.dataset.young === "true";
  // Whoever is signed in: on a phone several people use, each sees and sends only their own answers.
  const owner = form.dataset.owner;
  const fieldMode = form.dataset.mode === "terrain";
  const url = `/micro-trottoirs/${form.dataset.slug}/${form.dataset.mode}`;
  const maxSeconds = Number(form.dataset.maxVoiceSeconds);
  const maxVoiceBytes = Number(form.dataset.maxVoiceBytes);
  const maxPhotoBytes = Number(form.dataset.maxPhotoBytes);
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const say = (tu, vous) => (young ? tu : vous);

  // ---- The phone's own store ------------------------------------------------------------------

  const openStore = () => new Promise((resolve, reject) => {
    const request = indexedDB.open("participation-terrain", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("answers", { keyPath: "id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  const storePromise = openStore();

  async function withStore(mode, work) {
    const db = await storePromise;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("answers", mode);
      const result = work(transaction.objectStore("answers"));
      transaction.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  const putAnswer = (answer) => withStore("readwrite", (s) => s.put(answer));
  const deleteAnswer = (id) => withStore("readwrite", (s) => s.delete(id));
  const allAnswers = async () => (await withStore("readonly", (s) => s.getAll())).filter((a) => a.owner === owner);

  // ---- Ids and codes --------------------------------------------------------------------------

  function uuid() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function withdrawalCode() {
    let code = "";
    while (code.length < 10) {
      for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
        // 248 is the largest multiple of 31 under 256: every letter is as likely as the others.
        if (byte < 248 && code.length < 10) {
          code += alphabet[byte % alphabet.length];
        }
      }
    }
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  }

  const time = (iso) => new Date(iso).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });

  // ---- Recording the voice --------------------------------------------------------------------

  const recorderBox = form.querySelector("[data-recorder]");
  const recordButton = form.querySelector("[data-record]");
  const recordLabel = form.querySelector("[data-record-label]");
  const recordTime = form.querySelector("[data-record-time]");
  const playback = form.querySelector("[data-record-playback]");
  const discardVoice = form.querySelector("[data-record-discard]");
  const recordStatus = form.querySelector("[data-record-status]");
  const voiceInput = form.querySelector("#voix-fichier");
  let recorder = null;
  let recorded = null;
  let ticker = null;

  const recordingType = () => ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm"]
    .find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type));

  if (window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    recorderBox.hidden = false;
  }

  function showSeconds(seconds) {
    recordTime.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  function resetVoice() {
    if (playback.src) {
      URL.revokeObjectURL(playback.src);
    }
    recorded = null;
    playback.removeAttribute("src");
    playback.hidden = true;
    discardVoice.hidden = true;
    recordStatus.textContent = "";
    recordLabel.textContent = "Enregistrer";
    showSeconds(0);
  }

  async function startRecording() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      recordStatus.textContent = say("Le micro n'est pas autorisé. Autorise-le, ou choisis un fichier son.", "Le micro n'est pas autorisé. Autorisez-le, ou choisissez un fichier son.");
      return;
    }
    const type = recordingType();
    const chunks = [];
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    recorder.addEventListener("dataavailable", (e) => { if (e.data.size > 0) chunks.push(e.data); });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((track) => track.stop());
      clearInterval(ticker);
      const blob = new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" });
      recorder = null;
      recordButton.classList.remove("recording");
      if (blob.size > maxVoiceBytes) {
        recordStatus.textContent = say("L'enregistrement est trop lourd. Recommence, plus court.", "L'enregistrement est trop lourd. Recommencez, plus court.");
        resetVoice();
        return;
      }
      recorded = blob;
      playback.src = URL.createObjectURL(blob);
      playback.hidden = false;
      discardVoice.hidden = false;
      recordLabel.textContent = say("Recommencer", "Recommencer");
      recordStatus.textContent = say("Enregistré. Tu peux l'écouter avant d'envoyer.", "Enregistré. Vous pouvez l'écouter avant d'envoyer.");
    });
    recorder.start(1000);
    const started = Date.now();
    showSeconds(0);
    recordButton.classList.add("recording");
    recordLabel.textContent = "Arrêter";
    recordStatus.textContent = say("Enregistrement en cours…", "Enregistrement en cours…");
    ticker = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      showSeconds(seconds);
      if (seconds >= maxSeconds && recorder) {
        recorder.stop();
      }
    }, 250);
  }

  recordButton.addEventListener("click", () => {
    if (recorder) {
      recorder.stop();
    } else {
      resetVoice();
      startRecording();
    }
  });
  discardVoice.addEventListener("click", resetVoice);

  // ---- Taking a photo -------------------------------------------------------------------------

  const cameraBox = form.querySelector("[data-camera]");
  const cameraOpen = form.querySelector("[data-camera-open]");
  const cameraView = form.querySelector("[data-camera-view]");
  const cameraShoot = form.querySelector("[data-camera-shoot]");
  // The preview exists only while there is a photo: an image with no address has no place in the page.
  let cameraShot = null;
  const cameraDiscard = form.querySelector("[data-camera-discard]");
  const photoInput = form.querySelector("#photo-fichier");
  let cameraStream = null;
  let shot = null;

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraBox.hidden = false;
  }

  function stopCamera() {
    if (cameraStream) {
      cameraStream.getTracks().forEach((track) => track.stop());
      cameraStream = null;
    }
    cameraView.hidden = true;
    cameraShoot.hidden = true;
  }

  function resetPhoto() {
    stopCamera();
    if (cameraShot) {
      URL.revokeObjectURL(cameraShot.src);
      cameraShot.remove();
      cameraShot = null;
    }
    shot = null;
    cameraDiscard.hidden = true;
    cameraOpen.hidden = false;
  }

  cameraOpen.addEventListener("click", async () => {
    try {
      cameraStream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      cameraOpen.hidden = true;
      return;
    }
    cameraView.srcObject = cameraStream;
    cameraView.hidden = false;
    cameraShoot.hidden = false;
    cameraOpen.hidden = true;
    await cameraView.play().catch(() => {});
  });

  cameraShoot.addEventListener("click", () => {
    const canvas = document.createElement("canvas");
    canvas.width = cameraView.videoWidth || 640;
    canvas.height = cameraView.videoHeight || 480;
    canvas.getContext("2d").drawImage(cameraView, 0, 0, canvas.width, canvas.height);
    stopCamera();
    canvas.toBlob((blob) => {
      if (!blob) {
        return;
      }
      shot = blob;
      cameraShot = document.createElement("img");
      cameraShot.className = "camera-shot";
      cameraShot.alt = "La photo prise, avant l'envoi";
      cameraShot.dataset.cameraShot = "";
      cameraShot.src = URL.createObjectURL(blob);
      cameraShoot.after(cameraShot);
      cameraDiscard.hidden = false;
    }, "image/jpeg", 0.9);
  });
  cameraDiscard.addEventListener("click", resetPhoto);

  // ---- A fresh answer ----------------------------------------------------------------------------

  // The id comes from this phone, never from the page: a page reopened from the offline copy would
  // otherwise give a new answer the id of one already sent, and the site would take it for a retry.
  function freshAnswer() {
    form.querySelector("[data-client-id]").value = uuid();
    form.querySelector("[data-withdrawal-code]").value = "";
    const when = form.querySelector("#accord-quand");
    if (when) {
      const now = new Date();
      now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
      when.value = now.toISOString().slice(0, 16);
    }
  }

  // ---- Who speaks, in « mode terrain » ---------------------------------------------------------

  const guardian = form.querySelector("[data-guardian]");
  const consentYoung = form.querySelector('[data-consent="young"]');
  const consentAdult = form.querySelector('[data-consent="adult"]');

  function selectedProfile() {
    return form.querySelector('input[name="Profile"]:checked');
  }

  function showProfile() {
    if (!fieldMode) {
      return;
    }
    const profile = selectedProfile();
    guardian.hidden = !profile || profile.dataset.under15 !== "true";
    const adult = profile && profile.dataset.adult === "true";
    if (consentYoung && consentAdult) {
      consentYoung.hidden = adult;
      consentAdult.hidden = !adult;
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target.name === "Profile") {
      showProfile();
    }
  });
  showProfile();

  // ---- Checking before the answer is kept ------------------------------------------------------

  const errorsBox = form.querySelector("[data-collect-errors]");

  function checked(name) {
    const input = form.querySelector(`input[name="${name}"]:checked`);
    return input ? input.value : null;
  }

  function problems(hasVoice, hasPhoto) {
    // Each problem names the field it is about, so the summary can lead straight to it.
    const found = [];
    const add = (message, target) => found.push({ message, target });
    const text = form.querySelector("#texte").value.trim();
    if (fieldMode) {
      const profile = selectedProfile();
      const first = form.querySelector('input[name="Profile"]');
      if (!profile) {
        add("Indiquez qui parle.", first && first.id);
      } else if (profile.dataset.under15 === "true") {
        const who = form.querySelector("#accord-qui").value.trim();
        const how = form.querySelector("#accord-comment").value;
        const when = form.querySelector("#accord-quand").value;
        if (!who || !how || !when) {
          add("Moins de 15 ans : l'accord du représentant légal est obligatoire. Indiquez qui l'a donné, comment et quand.", "accord-qui");
        }
      }
    }
    if (!text && !hasVoice && !hasPhoto) {
      add(say("Ton témoignage est vide : écris un texte, enregistre ta voix ou prends une photo.", "Le témoignage est vide : écrivez un texte, enregistrez la voix ou prenez une photo."), "texte");
    }
    if (text.length > 1000) {
      add(say(`Ton texte est trop long : ${text.length} caractères, pour 1000 au plus.`, `Le texte est trop long : ${text.length} caractères, pour 1000 au plus.`), "texte");
    }
    if (hasPhoto && hasPhoto.size > maxPhotoBytes) {
      add(say("Ta photo est trop lourde : choisis-en une autre.", "La photo est trop lourde : choisissez-en une autre."), "photo-fichier");
    }
    if (!form.querySelector("#accord").checked) {
      add(fieldMode ? "Le consentement manque : lisez le texte avec la personne, puis cochez qu'elle est d'accord." : say("Coche que tu as lu le texte et que tu es d'accord.", "Cochez que vous avez lu le texte et que vous êtes d'accord."), "accord");
    } else if (!form.querySelector("#rien-public").checked) {
      if (text && checked("TextPublic") === null) {
        add(say("Dis si ton texte peut être publié.", "Dites si le texte peut être publié."), "texte-public-oui");
      }
      if (hasVoice && checked("Voice") === null) {
        add(say("Dis si ta voix peut être publiée, telle quelle ou transformée.", "Dites si la voix peut être publiée, telle quelle ou transformée."), "voix-telle");
      }
      if (hasPhoto && checked("PhotoPublic") === null) {
        add(say("Dis si ta photo peut être publiée.", "Dites si la photo peut être publiée."), "photo-public-oui");
      }
    }
    return found;
  }

  function showProblems(found) {
    errorsBox.replaceChildren();
    if (found.length === 0) {
      errorsBox.hidden = true;
      return;
    }
    const title = document.createElement("h2");
    title.textContent = found.length === 1 ? "Une chose à corriger" : `${found.length} choses à corriger`;
    const list = document.createElement("ul");
    for (const { message, target } of found) {
      const item = document.createElement("li");
      if (target && document.getElementById(target)) {
        const link = document.createElement("a");
        link.href = `#${target}`;
        link.textContent = message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          const field = document.getElementById(target);
          field.scrollIntoView({ block: "center" });
          field.focus();
        });
        item.append(link);
      } else {
        item.textContent = message;
      }
      list.append(item);
    }
    errorsBox.append(title, list);
    errorsBox.hidden = false;
    errorsBox.focus();
  }

  // ---- Keeping the answer, then the slip -------------------------------------------------------

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (recorder) {
      recorder.stop();
      return;
    }
    const voice = recorded || (voiceInput.files[0] || null);
    const photo = shot || (photoInput.files[0] || null);
    const found = problems(voice, photo);
    showProblems(found);
    if (found.length > 0) {
      return;
    }
    const code = withdrawalCode();
    form.querySelector("[data-withdrawal-code]").value = code;
    form.querySelector("[data-collected-at]").value = new Date().toISOString();
    const fields = [];
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string") {
        fields.push([name, value]);
      }
    }
    const speaking = selectedProfile();
    const answer = {
      id: form.querySelector("[data-client-id]").value,
      owner,
      // Who spoke, as the form names it (« Un·e jeune de 15–17 ans »), never a name: the list tells answers apart.
      who: fieldMode && speaking ? form.querySelector(`label[for="${speaking.id}"]`)?.textContent.trim() || null : null,
      url,
      fields,
      voice,
      voiceName: voice ? (voice.name || `voix.${extension(voice.type)}`) : null,
      photo,
      photoName: photo ? (photo.name || "photo.jpg") : null,
      code,
      createdAt: new Date().toISOString(),
      state: "waiting",
    };
    try {
      await putAnswer(answer);
    } catch {
      showProblems([{ message: say("Ce téléphone n'a plus de place pour garder la réponse. Libère de la place, puis réessaie.", "Ce téléphone n'a plus de place pour garder la réponse. Libérez de la place, puis réessayez.") }]);
      return;
    }
    const profile = selectedProfile();
    showSlip(code, fieldMode ? profile && profile.dataset.adult === "true" : !young);
    resetForm();
    await render();
    sync();
  });

  function extension(type) {
    if (type.includes("mp4") || type.includes("aac")) return "m4a";
    if (type.includes("ogg")) return "ogg";
    return "webm";
  }

  function resetForm() {
    form.reset();
    resetVoice();
    resetPhoto();
    freshAnswer();
    showProfile();
  }

  const slipTemplate = document.querySelector("[data-slip-template]");
  const adultSlipTemplate = document.querySelector("[data-slip-template-adult]") || slipTemplate;
  let slip = null;

  function showSlip(code, adult) {
    if (slip) {
      slip.remove();
    }
    slip = (adult ? adultSlipTemplate : slipTemplate).content.firstElementChild.cloneNode(true);
    // The code rides after « # »: it never reaches a server's or a proxy's log when the QR code is scanned.
    const where = `${location.origin}/micro-trottoirs/retrait#code=${encodeURIComponent(code)}`;
    slip.querySelector("[data-slip-code]").textContent = code;
    slip.querySelector("[data-slip-url]").textContent = `${location.host}/micro-trottoirs/retrait`;
    drawQr(slip.querySelector("[data-slip-qr]"), where);
    slip.querySelector("[data-slip-print]").addEventListener("click", () => {
      document.body.classList.add("printing-slip");
      window.print();
      document.body.classList.remove("printing-slip");
    });
    slip.querySelector("[data-slip-date]").textContent = new Date().toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
    slip.querySelector("[data-slip-next]").addEventListener("click", (event) => {
      // The code shows only here: before it goes, one question makes sure it was kept.
      const ask = slip.querySelector("[data-slip-confirm]");
      if (ask && ask.hidden) {
        ask.hidden = false;
        ask.setAttribute("role", "alert");
        event.currentTarget.textContent = event.currentTarget.dataset.confirmed;
        return;
      }
      slip.remove();
      slip = null;
      (form.querySelector('input[name="Profile"]') || form.querySelector("#texte")).focus();
    });
    form.before(slip);
    slip.focus();
  }

  function drawQr(box, text) {
    if (typeof qrcode !== "function") {
      return;
    }
    const qr = qrcode(0, "M");
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `-2 -2 ${count + 4} ${count + 4}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code du lien pour retirer le témoignage");
    const background = document.createElementNS(ns, "rect");
    background.setAttribute("x", "-2");
    background.setAttribute("y", "-2");
    background.setAttribute("width", String(count + 4));
    background.setAttribute("height", String(count + 4));
    background.setAttribute("fill", "#fff");
    svg.append(background);
    let path = "";
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (qr.isDark(row, col)) {
          path += `M${col} ${row}h1v1h-1z`;
        }
      }
    }
    const modules = document.createElementNS(ns, "path");
    modules.setAttribute("d", path);
    modules.setAttribute("fill", "#000");
    svg.append(modules);
    box.replaceChildren(svg);
  }

  // ---- Sending what waits ----------------------------------------------------------------------

  const queue = document.querySelector("[data-queue]");
  const queueCount = document.querySelector("[data-queue-count]");
  const queueList = document.querySelector("[data-queue-list]");
  const queueClear = document.querySelector("[data-queue-clear]");
  let syncing = false;

  async function render() {
    const answers = (await allAnswers()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    queue.hidden = answers.length === 0;
    const waiting = answers.filter((a) => a.state === "waiting").length;
    waitingNow = waiting;
    const refused = answers.filter((a) => a.state === "refused").length;
    queueCount.textContent = waiting === 0
      ? refused === 0 ? "Tout est reçu." : refused === 1 ? "1 réponse a été refusée : voir ci-dessous." : `${refused} réponses ont été refusées : voir ci-dessous.`
      : waiting === 1 ? "1 réponse attend d'être envoyée." : `${waiting} réponses attendent d'être envoyées.`;
    queueClear.hidden = !answers.some((a) => a.state === "received");
    queueList.replaceChildren(...answers.map((answer, index) => {
      const item = document.createElement("li");
      item.className = `queue-item queue-${answer.state}`;
      item.dataset.answer = answer.id;
      const what = document.createElement("p");
      // No code here: the next person to hold the phone must not read the earlier ones.
      what.textContent = `${index + 1}. ${answer.who ? `${answer.who}, ` : ""}réponse de ${time(answer.createdAt)}`;
      const state = document.createElement("p");
      state.className = "queue-state";
      if (answer.state === "received") {
        state.textContent = `Reçue à ${time(answer.receivedAt)}`;
      } else if (answer.state === "refused") {
        state.textContent = `Refusée : ${answer.error}`;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button button-secondary";
        remove.textContent = "Supprimer cette réponse";
        remove.addEventListener("click", async () => { await deleteAnswer(answer.id); render(); });
        item.append(what, state, remove);
        return item;
      } else {
        state.textContent = "En attente d'envoi : gardée sur ce téléphone.";
      }
      item.append(what, state);
      return item;
    }));
  }

  queueClear.addEventListener("click", async () => {
    for (const answer of await allAnswers()) {
      if (answer.state === "received") {
        await deleteAnswer(answer.id);
      }
    }
    render();
  });

  async function token(target) {
    const response = await fetch(`${target}?handler=Token`, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error(`token ${response.status}`);
    }
    return (await response.json()).token;
  }

  async function send(answer, tokens) {
    if (!tokens.has(answer.url)) {
      tokens.set(answer.url, await token(answer.url));
    }
    const body = new FormData();
    for (const [name, value] of answer.fields) {
      if (name !== "__RequestVerificationToken") {
        body.append(name, value);
      }
    }
    if (answer.voice) {
      body.append("VoiceFile", answer.voice, answer.voiceName);
    }
    if (answer.photo) {
      body.append("PhotoFile", answer.photo, answer.photoName);
    }
    const response = await fetch(answer.url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", RequestVerificationToken: tokens.get(answer.url) },
    });
    if (response.ok) {
      const result = await response.json();
      // Once the site has it, nothing of the answer stays on the phone but its times: not its files, words or code.
      await putAnswer({ id: answer.id, owner: answer.owner, url: answer.url, who: answer.who, createdAt: answer.createdAt, state: "received", receivedAt: result.receivedAt });
      return true;
    }
    if (response.status === 422 || response.status === 403) {
      const result = await response.json().catch(() => ({ errors: {} }));
      const message = Object.values(result.errors || {}).join(" ") || "la réponse a été refusée.";
      // A refused answer cannot be sent again as it is: only the reason and its times stay on the phone.
      await putAnswer({ id: answer.id, owner: answer.owner, url: answer.url, who: answer.who, createdAt: answer.createdAt, state: "refused", error: message });
      return true;
    }
    if (response.status === 400) {
      // A stale token: take a new one next time.
      tokens.delete(answer.url);
    }
    // 429: another answer of this account is being processed; 409: someone else is signed in on this
    // phone now. Either way the answer waits for its owner's next round.
    return false;
  }

  async function sync() {
    if (syncing) {
      return;
    }
    syncing = true;
    try {
      const tokens = new Map();
      const waiting = (await allAnswers()).filter((a) => a.state === "waiting").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const answer of waiting) {
        try {
          if (!(await send(answer, tokens))) {
            break;
          }
        } catch {
          // No network, or the site is down: the answer stays on the phone for the next try.
          break;
        }
        await render();
      }
    } finally {
      syncing = false;
      await render();
    }
  }

  let waitingNow = 0;
  window.addEventListener("beforeunload", (event) => {
    if (waitingNow > 0) {
      // The answer is safe on the phone, but only leaves it when this page is open again.
      event.preventDefault();
      event.returnValue = "";
    }
  });

  window.addEventListener("online", sync);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) sync(); });
  setInterval(async () => {
    if ((await allAnswers()).some((a) => a.state === "waiting")) {
      sync();
    }
  }, 5000);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/micro-trottoirs/sw.js", { scope: "/micro-trottoirs/" }).catch(() => {});
    // This very visit already counts: once the worker runs, it keeps this page and what it loaded,
    // so the page opens with no network even if the phone never comes back to it online.
    navigator.serviceWorker.ready.then((registration) => {
      const assets = [...document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href]")]
        .map((element) => element.src || element.href)
        .filter((url) => new URL(url).origin === location.origin);
      registration.active?.postMessage({ keep: location.pathname, assets });
    }).catch(() => {});
  }

  freshAnswer();
  render().then(sync);
})();
