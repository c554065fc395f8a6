// Progressive enhancement only: every page works without this file.
// Filter forms marked .js-autosubmit apply a ticked box or a chosen option at once,
// so their "Sort" button is hidden; empty fields stay out of the address.
document.documentElement.classList.add("js");

// A ticked box reloads the list: the reader comes back where they were, the filters still open.
var FILTERS_STATE = "filters-state";

function rememberFilters(panel) {
  try {
    sessionStorage.setItem(FILTERS_STATE, JSON.stringify({
      path: location.pathname, y: window.scrollY, open: !!panel && panel.classList.contains("is-open"),
    }));
  } catch (error) { /* storage off: the page opens at its top */ }
}

function restoreFilters(panel, toggle) {
  var state = null;
  try { state = JSON.parse(sessionStorage.getItem(FILTERS_STATE) || "null"); sessionStorage.removeItem(FILTERS_STATE); }
  catch (error) { return; }
  if (!state || state.path !== location.pathname) { return; }
  if (state.open && panel) { panel.classList.add("is-open"); if (toggle) { toggle.setAttribute("aria-expanded", "true"); } }
  // "instant": the page scrolls smoothly otherwise, and the reader would watch it travel.
  window.scrollTo({top: state.y, behavior: "instant"});
}

document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("filters-panel");
  var toggle = document.querySelector(".filters-jump[aria-controls]");
  if (panel && toggle) {
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("role", "button");
    toggle.addEventListener("click", function (event) {
      // Only where the panel is hidden (phones): elsewhere the link jumps to the filters as before.
      if (window.getComputedStyle(panel).display !== "none" && !panel.classList.contains("is-open")) { return; }
      event.preventDefault();
      var open = panel.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { panel.querySelector("input, select, button").focus({preventScroll: true}); }
    });
  }
  restoreFilters(panel, toggle);
  document.querySelectorAll("form.js-autosubmit").forEach(function (form) {
    // form.elements includes the sort box, which joins the form through form="filters".
    form.addEventListener("submit", function () {
      rememberFilters(panel);
      Array.from(form.elements).forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
    // Back to this page from the cache: the fields must work again.
    window.addEventListener("pageshow", function () {
      Array.from(form.elements).forEach(function (field) { field.disabled = false; });
    });
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) {
        form.requestSubmit();
      }
    });
  });
  // The sort box sits outside the form's element, so its change event does not reach the form.
  document.querySelectorAll("select[form]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
});

// Search boxes marked data-autocomplete suggest institutions as the user types: names from
// the API's autocomplete endpoint fill the shared <datalist>, each with its city and country,
// named in the page's language (the API reads Accept-Language, not the page's address).
document.addEventListener("DOMContentLoaded", function () {
  var suggestions = document.getElementById("institution-suggestions");
  if (!suggestions) { return; }
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || text === asked) { return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(text), {
          headers: {Accept: "application/json", "Accept-Language": document.documentElement.lang || "en"}
        })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (institutions) {
            if (input.value.trim() !== text) { return; }
            // A field may name its own list and which value to offer (a slug for the curators' forms).
            var list = input.list || suggestions;
            var key = input.dataset.autocompleteValue;
            list.replaceChildren.apply(list, institutions.map(function (institution) {
              var option = document.createElement("option");
              option.value = key ? institution[key] : (institution.short_name || institution.name);
              option.label = [institution.display_name || institution.name, institution.city, institution.country_name].filter(Boolean).join(" · ");
              return option;
            }));
          })
          .catch(function () { /* Suggestions are a convenience; the search works without them. */ });
      }, 150);
    });
  });
});

// Buttons marked data-copy copy the text of the field they name (the citation box), and say so.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      field.select();
      var done = function () { button.textContent = button.dataset.copied; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
});

// The curators' review page: a click on a sentence of the article makes it the cited sentence
// of the fact being edited (the field last focused names its quote field in data-cite).
// Without this script the quote fields are plain text to paste into.
document.addEventListener("DOMContentLoaded", function () {
  var article = document.querySelector("[data-cite-from]");
  var form = article && document.getElementById(article.dataset.citeFrom);
  if (!form) { return; }
  var status = document.querySelector(".cite-status");
  var quote = null;
  var cited = {};
  var say = function (text) { if (status) { status.textContent = text; } };
  var factName = function (field) {
    var legend = field.closest("fieldset").querySelector("legend");
    return legend ? legend.textContent.trim() : field.name;
  };
  form.addEventListener("focusin", function (event) {
    var source = event.target.closest("[data-cite]");
    var target = source && form.elements.namedItem(source.dataset.cite);
    if (!target || target === quote) { return; }
    if (quote) { quote.closest(".field").classList.remove("field--citing"); }
    quote = target;
    quote.closest(".field").classList.add("field--citing");
    article.classList.add("article-text--citing");
    say(article.dataset.citePrompt + " " + factName(quote));
  });
  var cite = function (sentence) {
    if (!quote) { say(article.dataset.citeFirst); return; }
    quote.value = sentence.textContent.replace(/\s+/g, " ").trim();
    quote.dispatchEvent(new Event("input", {bubbles: true}));
    if (cited[quote.name]) { cited[quote.name].classList.remove("sentence--cited"); }
    cited[quote.name] = sentence;
    sentence.classList.add("sentence--cited");
    say(article.dataset.citeDone + " " + factName(quote));
  };
  article.querySelectorAll(".sentence").forEach(function (sentence) {
    sentence.tabIndex = 0;
    sentence.addEventListener("click", function () { cite(sentence); });
    sentence.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); cite(sentence); }
    });
  });
});

// The world map names the country a reader points at, focuses or taps; on a touch screen the
// first tap on a country names it (with its link), the second opens it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".world-map").forEach(function (map) {
    var readout = map.querySelector(".world-map__readout");
    if (!readout) { return; }
    // `armed`: the country a first tap named; a second tap on it opens it.
    var armed = null, touch = false;
    function name(link) {
      readout.textContent = "";
      var open = document.createElement("a");
      open.href = link.getAttribute("href");
      open.textContent = link.getAttribute("aria-label");
      readout.appendChild(open);
      readout.hidden = false;
    }
    map.querySelectorAll(".world-map__countries a, .world-map__markers a").forEach(function (link) {
      link.addEventListener("focus", function () { name(link); });
      link.addEventListener("pointerenter", function (event) { if (event.pointerType === "mouse") { name(link); } });
      link.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch"; });
      link.addEventListener("click", function (event) {
        if (touch && armed !== link) { event.preventDefault(); armed = link; name(link); }
      });
    });
  });
});

// A picture drawn from the agreements themselves (the network) is a page of its own: its
// [data-picture] part takes the place of the link to it, at once where the picture is shown
// open, when opened where it sits in a <details>. Should the load fail, the link stays and works.
function loadPicture(holder) {
  if (holder.dataset.pictureState) { return; }
  var slot = holder.querySelector("[data-picture]");
  holder.dataset.pictureState = "loading";
  slot.setAttribute("aria-busy", "true");
  fetch(holder.dataset.pictureSrc, {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    })
    .then(function (text) {
      var picture = new DOMParser().parseFromString(text, "text/html").querySelector("[data-picture]");
      if (!picture) { throw new Error("no picture"); }
      slot.replaceWith(document.importNode(picture, true));
      holder.dataset.pictureState = "loaded";
    })
    .catch(function () {
      slot.removeAttribute("aria-busy");
      delete holder.dataset.pictureState;
    });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-picture-src]").forEach(function (holder) {
    if (holder.tagName !== "DETAILS") { loadPicture(holder); return; }
    holder.addEventListener("toggle", function () { if (holder.open) { loadPicture(holder); } });
  });
});
