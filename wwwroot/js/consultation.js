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
