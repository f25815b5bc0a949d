// A question asked only after a given answer on the same screen stays hidden until that answer is
// chosen. Without this script the question is shown with a hint, and the server ignores an answer
// given when the condition is not met.
(() => {
  const dependents = [...document.querySelectorAll("[data-condition-field]")];
  if (dependents.length === 0) {
    return;
  }
  const update = () => {
    for (const question of dependents) {
      const field = question.dataset.conditionField;
      const wanted = question.dataset.conditionValue;
      const chosen = [...document.querySelectorAll(`input[name="${field}"]:checked`)].some((input) => input.value === wanted);
      question.hidden = !chosen;
      for (const hint of question.querySelectorAll(".condition-hint")) {
        hint.hidden = true;
      }
    }
  };
  document.addEventListener("change", update);
  update();
})();

// The code to finish later: copied in one tap, or handed to the phone's own sharing (messages,
// e-mail, notes). Without this script the page offers a text message to oneself instead.
(() => {
  const actions = document.querySelector(".code-actions");
  if (!actions) {
    return;
  }
  const status = actions.querySelector(".code-status");
  const copy = actions.querySelector(".code-copy");
  const share = actions.querySelector(".code-share");
  if (navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(actions.dataset.code);
        status.textContent = actions.dataset.copied;
      } catch {
        status.textContent = "";
      }
    });
  }
  if (navigator.share) {
    share.hidden = false;
    actions.querySelector(".code-sms").hidden = true;
    share.addEventListener("click", () => navigator.share({ text: actions.dataset.message }).catch(() => {}));
  }
})();
