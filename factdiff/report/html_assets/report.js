(function () {
  "use strict";
  // Filtering only: the page is complete without this script.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.fact"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".src-text a.m"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");

  function checked(name) {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }

  function apply() {
    var status = checked("status"), kind = checked("kind"), off = {}, n = 0;
    cards.forEach(function (card) {
      var ok = status[card.getAttribute("data-status")] && kind[card.getAttribute("data-kind")];
      card.hidden = !ok;
      if (ok) { n += 1; } else { off[card.id] = true; }
    });
    marks.forEach(function (m) {
      m.classList.toggle("off", !!off[m.getAttribute("data-fact")]);
    });
    if (shown) { shown.textContent = n + " of " + cards.length + " facts shown"; }
    if (none) { none.hidden = n > 0 || cards.length === 0; }
  }

  // A link to a fact the filters hide shows that fact rather than landing nowhere.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#fact-']") : null;
    if (!link) { return; }
    var card = document.getElementById(link.getAttribute("href").slice(1));
    if (!card || !card.hidden) { return; }
    ["status", "kind"].forEach(function (name) {
      var value = card.getAttribute("data-" + name);
      Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
        if (box.value === value) { box.checked = true; }
      });
    });
    apply();
  });

  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
