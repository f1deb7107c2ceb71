/* A mail in copy is read once its page is opened: post the page's « lu » form (with its
   CSRF token) at load, then hide it. Without JavaScript, the form's button does it. */
(function () {
  "use strict";
  const form = document.getElementById("mail-mark-read");
  if (!form) return;
  fetch(form.action, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json" },
    body: new FormData(form),
  }).then((response) => {
    if (response.ok) form.hidden = true;
  });
})();
