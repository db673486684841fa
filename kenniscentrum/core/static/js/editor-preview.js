// Live preview for editors: a progressive enhancement. Without JavaScript the "Voorbeeld"
// button does the same. The server renders and sanitises; this only fetches the fragment.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-preview]");
  if (!form || !window.fetch) return;
  var textarea = form.querySelector("textarea[name=document]");
  var section = document.getElementById("live-preview-section");
  var target = document.getElementById("live-preview");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  function refresh() {
    var body = new URLSearchParams();
    body.append("document", textarea.value);
    body.append("kind", form.dataset.kind);
    body.append("slug", form.dataset.slug || "");
    fetch(form.dataset.livePreview, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
      body: body
    }).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      target.innerHTML = html;
      section.hidden = false;
    });
  }
  textarea.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();
