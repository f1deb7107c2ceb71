/* Reorder a meeting's agenda by drag and drop; the server (PATCH @agenda) has the last word. */
(function () {
  "use strict";
  const script = document.currentScript;
  const url = script.dataset.agendaUrl;
  const error = document.getElementById("agenda-error");
  let dragged = null;

  function order() {
    return Array.from(document.querySelectorAll(".communesplone-agenda li[data-uid]")).map(
      (li) => li.dataset.uid
    );
  }

  function renumber() {
    let number = 0;
    document.querySelectorAll(".communesplone-agenda li[data-uid]").forEach((li) => {
      number += 1;
      const label = li.querySelector(".agenda-number");
      if (label) label.textContent = number + ".";
    });
  }

  async function save(before) {
    const response = await fetch(url, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ order: order() }),
    });
    if (response.status === 204) {
      error.classList.add("d-none");
      renumber();
      return;
    }
    let message = "L'ordre n'a pas pu être enregistré.";
    try {
      message = (await response.json()).message || message;
    } catch (e) {}
    error.textContent = message;
    error.classList.remove("d-none");
    before.forEach((li) => li.parentNode.appendChild(li));
  }

  document.querySelectorAll(".communesplone-agenda[data-sortable] li[data-uid]").forEach((li) => {
    li.draggable = true;
    li.addEventListener("dragstart", () => {
      dragged = li;
    });
    li.addEventListener("dragover", (event) => {
      if (dragged && dragged.parentNode === li.parentNode) event.preventDefault();
    });
    li.addEventListener("drop", (event) => {
      event.preventDefault();
      if (!dragged || dragged === li || dragged.parentNode !== li.parentNode) return;
      const before = Array.from(li.parentNode.children);
      const items = Array.from(li.parentNode.children);
      const after = items.indexOf(dragged) < items.indexOf(li);
      li.parentNode.insertBefore(dragged, after ? li.nextSibling : li);
      dragged = null;
      save(before);
    });
  });
})();
