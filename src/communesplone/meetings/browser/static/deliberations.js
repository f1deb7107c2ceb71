/* Make a meeting's deliberations one by one, showing the progress (the form without
   JavaScript makes them all in one request). */
(function () {
  "use strict";
  const form = document.getElementById("deliberations-form");
  if (!form) return;
  const box = document.getElementById("deliberations-progress-box");
  const progress = document.getElementById("deliberations-progress");
  const status = document.getElementById("deliberations-status");
  const error = document.getElementById("deliberations-error");
  const button = document.getElementById("deliberations-make");

  async function makeOne(uid) {
    const body = new FormData(form);
    body.append("uid", uid);
    const response = await fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: body,
    });
    const data = await response.json();
    if (!response.ok) throw new Error(data.message || response.statusText);
    return data;
  }

  function show(row, data) {
    const cell = row.querySelector(".deliberation-file");
    cell.textContent = "";
    const link = document.createElement("a");
    link.href = data.url;
    link.title = data.sha256;
    link.textContent = "PDF, " + data.size + "\u00a0Ko";
    cell.appendChild(link);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const rows = Array.from(document.querySelectorAll("#deliberations-table tr[data-uid]"));
    button.disabled = true;
    error.classList.add("d-none");
    box.classList.remove("d-none");
    progress.max = rows.length;
    let done = 0;
    for (const row of rows) {
      status.textContent = done + " / " + rows.length;
      try {
        show(row, await makeOne(row.dataset.uid));
      } catch (failure) {
        error.textContent = failure.message;
        error.classList.remove("d-none");
        button.disabled = false;
        return;
      }
      done += 1;
      progress.value = done;
    }
    status.textContent = done + " / " + rows.length + " ✓";
    window.location.reload();
  });
})();
