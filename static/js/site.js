// Progressive enhancement only: every page works without this file.
// Filter forms marked .js-autosubmit apply a ticked box or a chosen option at once,
// so their "Sort" button is hidden; empty fields stay out of the address.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.js-autosubmit").forEach(function (form) {
    // form.elements includes the sort box, which joins the form through form="filters".
    form.addEventListener("submit", function () {
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
