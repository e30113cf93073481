// Filters and cross-highlighting. Reads only the page's own DOM; no network, no filing data in code.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));

  function checked(name) {
    var values = {};
    form.querySelectorAll("input[name=" + name + "]").forEach(function (box) { values[box.value] = box.checked; });
    return values;
  }

  function applyFilters() {
    var severities = checked("severity"), rules = checked("rule"), shown = 0;
    findings.forEach(function (item) {
      var visible = severities[item.dataset.severity] !== false && rules[item.dataset.rule] !== false;
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll("td.hit").forEach(function (cell) {
      var any = cell.dataset.findings.split(" ").some(function (id) {
        var item = document.getElementById(id);
        return item && !item.hidden;
      });
      cell.classList.toggle("filtered", !any);
    });
    document.getElementById("shown").textContent = shown + " of " + findings.length + " findings shown";
  }

  function focus(id, on) {
    var item = document.getElementById(id);
    if (!item) { return; }
    item.classList.toggle("focus", on);
    item.dataset.cells.split(" ").forEach(function (cellId) {
      var cell = cellId && document.getElementById(cellId);
      if (cell) { cell.classList.toggle("focus", on); }
    });
  }

  findings.forEach(function (item) {
    item.addEventListener("mouseenter", function () { focus(item.id, true); });
    item.addEventListener("mouseleave", function () { focus(item.id, false); });
  });
  document.querySelectorAll("td.hit").forEach(function (cell) {
    cell.addEventListener("mouseenter", function () { cell.dataset.findings.split(" ").forEach(function (id) { focus(id, true); }); });
    cell.addEventListener("mouseleave", function () { cell.dataset.findings.split(" ").forEach(function (id) { focus(id, false); }); });
  });
  if (form) { form.addEventListener("change", applyFilters); }
}());
