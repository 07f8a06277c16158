/* tiekeeper: "Draft a message" and "Copy" (progressive enhancement: without this script the
   draft link opens the draft's own page and the text can be selected by hand). Served by the
   app; the page loads nothing else. tiekeeper never sends anything: the user copies and sends. */
(function () {
  "use strict";

  function copyText(area, status) {
    function done(ok) {
      status.textContent = ok ? "Copied. Paste it in your message app." : "Select the text and copy it.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () { done(true); },
        function () { area.select(); done(document.execCommand("copy")); });
    } else {
      area.select();
      done(document.execCommand("copy"));
    }
  }

  function wireCopy(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      if (button.dataset.wired) { return; }
      button.dataset.wired = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var area = document.getElementById(button.dataset.copy);
        var status = button.parentNode.querySelector(".copied");
        if (area && status) { copyText(area, status); }
      });
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function draftBlock(d) {
    var id = "draft-text-" + d.item;
    var box = el("div", { "class": "draft", id: "draft-" + d.item });
    box.appendChild(el("label", { "for": id, "class": "draft-label" },
      "Your draft — edit it, copy it, send it yourself"));
    var area = el("textarea", { id: id, "class": "draft-text", rows: "4" });
    area.value = d.text;
    box.appendChild(area);
    var row = el("div", { "class": "actions" });
    var button = el("button", { type: "button", "class": "copy", "data-copy": id }, "Copy");
    button.appendChild(el("span", { "class": "vh" }, " the message to " + d.person));
    row.appendChild(button);
    row.appendChild(el("span", { "class": "copied", role: "status", "aria-live": "polite" }));
    box.appendChild(row);
    box.appendChild(el("p", { "class": "hint" }, "tiekeeper never sends anything."));
    return box;
  }

  function wireDrafts() {
    document.querySelectorAll("a.draft-link[data-api]").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (event) {
        var item = link.closest("li");
        var shown = item && item.querySelector(".draft");
        event.preventDefault();
        if (shown) {
          shown.hidden = !shown.hidden;
          link.setAttribute("aria-expanded", String(!shown.hidden));
          return;
        }
        fetch(link.dataset.api, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(function (d) {
            var box = draftBlock(d);
            item.appendChild(box);
            wireCopy(box);
            link.setAttribute("aria-expanded", "true");
            box.querySelector("textarea").focus();
          })
          .catch(function () { window.location.href = link.href; });
      });
    });
  }

  wireCopy(document);
  wireDrafts();
})();
