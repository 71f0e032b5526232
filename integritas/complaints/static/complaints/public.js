// Filter the unit list as the complainant types (the select still works without script).
(function () {
  var select = document.getElementById("id_unit");
  var search = document.getElementById("unit-search");
  if (!select || !search) { return; }
  search.hidden = false;
  var options = Array.prototype.slice.call(select.options, 1);
  search.addEventListener("input", function () {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var first = null;
    options.forEach(function (option) {
      var text = option.text.toLowerCase();
      var shown = words.every(function (w) { return text.indexOf(w) !== -1; });
      option.hidden = !shown;
      option.disabled = !shown;
      if (shown && !first) { first = option; }
    });
    if (first && select.selectedOptions.length && select.selectedOptions[0].disabled) {
      select.value = first.value;
    } else if (first && !select.value) {
      select.value = first.value;
    }
  });
})();
