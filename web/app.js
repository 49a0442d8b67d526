// roadmap serve: progressive enhancement only. Every action already works as a plain form;
// this adds drag and drop on the board (posting the card's own status form) and a live
// reload when the branch shown moves. No inline script, no third-party code.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Drag a card to another column: set its status select and submit its form.
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".card");
    if (!card) return;
    dragged = card;
    event.dataTransfer.setData("text/plain", card.dataset.id);
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragend", function () {
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });
  document.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".column");
    if (!column || !dragged || column.closest(".columns") !== dragged.closest(".columns")) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });
  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".column");
    if (!column || !dragged) return;
    event.preventDefault();
    var select = dragged.querySelector("form.move select");
    if (!select || select.value === column.dataset.status) return;
    select.value = column.dataset.status;
    select.form.submit();
  });
  // Without a Move button (hidden when scripts run), a changed select submits at once.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("form.move select")) event.target.form.submit();
  });

  // Live reload: when the branch this page shows moves, reload, unless a form was touched.
  var body = document.body;
  var tip = body.dataset.tip;
  if (!tip) return;
  var dirty = false;
  document.addEventListener("input", function () { dirty = true; });
  var url = "/api/tip" + (body.dataset.on ? "?on=" + encodeURIComponent(body.dataset.on) : "");
  setInterval(function () {
    if (dirty || document.hidden) return;
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (doc) {
      if (doc && doc.tip && doc.tip !== tip) window.location.reload();
    }).catch(function () {});
  }, 3000);
})();
