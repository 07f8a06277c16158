/* tiekeeper: small progressive enhancements, served by the app (every form works without it).
   - a form with data-working="ID" shows the status element ID while the server works on it;
   - a textarea with data-count="ID" writes its word count and speaking time into element ID,
     counted like the server does (domain/pitch.py: words of letters, digits, ' and -, at
     150 words a minute). */
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}\p{M}_'\u2019-]+/gu;
  var PER_MINUTE = 150, MAX_WORDS = 75;

  document.querySelectorAll("form[data-working]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = document.getElementById(form.getAttribute("data-working"));
      if (status) { status.hidden = false; }
      form.setAttribute("aria-busy", "true");
      // after the submit has gone: a disabled button would not be sent with it
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
  // Back from the next page (the browser's cache): the form is usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-working]").forEach(function (form) {
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      var status = document.getElementById(form.getAttribute("data-working"));
      if (status) { status.hidden = true; }
    });
  });

  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    var out = document.getElementById(area.getAttribute("data-count"));
    if (!out) { return; }
    function update() {
      var words = (area.value.match(WORD) || []).length;
      var seconds = Math.round(words * 600 / PER_MINUTE) / 10;
      var text = words + (words === 1 ? " word" : " words") + " · about " + seconds + " s";
      out.textContent = words > MAX_WORDS ? text + " — over 75 words (30 s)" : text;
      out.classList.toggle("over", words > MAX_WORDS);
    }
    area.addEventListener("input", update);
    update();
  });
}());
