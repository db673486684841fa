// Link picker for editors: a progressive enhancement of templates/editorial/_link_picker.html.
// Without JavaScript its form opens /redactie/links/ in a new tab to copy the Markdown link.
// With it: search as you type (the JSON endpoint) and "Link invoegen" puts the link at the
// cursor in the textarea marked [data-markdown-body]. Text only, never innerHTML.
(function () {
  "use strict";
  var picker = document.querySelector("[data-link-picker]");
  if (!picker || !window.fetch) return;
  var textarea = document.querySelector("textarea[data-markdown-body]") ||
    document.getElementById("id_body") || document.querySelector("textarea#document");
  if (!textarea) return;
  var section = picker.closest("section") || picker.parentNode;
  var input = picker.querySelector("input[name=q]");
  var status = section.querySelector("[data-link-picker-status]");
  var list = section.querySelector("[data-link-picker-results]");
  var submit = picker.querySelector("[data-link-picker-submit]");
  var timer = null;
  var latest = 0;
  // Results now appear here, as the editor types; the button no longer opens a tab.
  if (submit) submit.textContent = "Zoek";

  function clear() {
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function insert(markdown, title) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    textarea.focus();
    textarea.setRangeText(markdown, start, end, "end");
    // So the live preview and anything else listening sees the change, as if typed.
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    status.textContent = "Link naar ‘" + title + "’ ingevoegd.";
  }

  function show(data) {
    clear();
    data.results.forEach(function (result) {
      var item = document.createElement("li");
      var text = document.createElement("span");
      text.textContent = result.title + " (" + result.kind + "): ";
      var code = document.createElement("code");
      code.textContent = result.markdown;
      text.appendChild(code);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kc-button kc-button--secondary";
      button.textContent = "Link invoegen";
      button.setAttribute("aria-label", "Link invoegen: " + result.title);
      button.addEventListener("click", function () { insert(result.markdown, result.title); });
      item.appendChild(text);
      item.appendChild(button);
      list.appendChild(item);
    });
    var count = data.results.length;
    var found = count === 0 ? "Geen pagina gevonden." :
      (count === 1 ? "1 pagina gevonden." : count + " pagina's gevonden.");
    status.textContent = (data.notice ? data.notice + " " : "") + found;
  }

  function search() {
    var query = input.value.trim();
    var ask = ++latest;
    if (!query) {
      clear();
      status.textContent = "";
      return;
    }
    fetch(picker.getAttribute("data-link-picker") + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      if (ask === latest) show(data);
    }).catch(function () {
      if (ask === latest) status.textContent = "Zoeken lukte niet. Probeer het opnieuw.";
    });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  // Enter or the button: search here at once instead of opening the page in a new tab.
  picker.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
})();
