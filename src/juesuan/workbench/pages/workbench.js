// Drag a workbook onto an upload form: the file goes into the form's file field, and the form is sent
// (data-drop) or waits for the rest of it (data-drop-only: the new unit's folder and year).
document.querySelectorAll("form[data-drop], form[data-drop-only]").forEach(function (form) {
  var field = form.querySelector("input[type=file]");
  form.addEventListener("dragover", function (event) { event.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", function () { form.classList.remove("over"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("over");
    if (event.dataTransfer.files.length) {
      field.files = event.dataTransfer.files;
      if (form.hasAttribute("data-drop")) { form.submit(); }
    }
  });
});

// While the units are being rebuilt, ask how far it has got each second; reload the page when it is done.
document.querySelectorAll("section.rebuild[data-progress=running]").forEach(function (section) {
  var bar = section.querySelector("progress"), count = section.querySelector(".count");
  var timer = setInterval(function () {
    fetch("/rebuild/status", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (p) {
      if (bar) { bar.max = p.total || 1; bar.value = p.done; }
      if (count) { count.textContent = p.done + "/" + p.total; }
      if (!p.running) { clearInterval(timer); location.reload(); }
    });
  }, 1000);
});

// A finding links to its field, which may sit in a closed block: open the blocks around it, then show it.
function openTarget() {
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) { return; }
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") { node.open = true; }
  }
  target.scrollIntoView({block: "center"});
  if (target.focus) { target.focus({preventScroll: true}); }
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("click", function (event) {      // a link to the place already in the address bar
  if (event.target.closest && event.target.closest("a[href^='#']")) { setTimeout(openTarget, 0); }
});
document.addEventListener("DOMContentLoaded", openTarget);
