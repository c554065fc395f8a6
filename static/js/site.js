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
