// The preview follows the data: every two seconds it asks whether what the document is made from has changed
// (a reason or a figure saved on the unit's page, a new workbook, a layout edited) and if so shows it again,
// at the same place on the page.
(function () {
  var shown = document.querySelector("meta[name=juesuan-version]").content;
  var unit = new URLSearchParams(location.search).get("f");
  var kept = sessionStorage.getItem("juesuan-preview-scroll");
  if (kept !== null) { sessionStorage.removeItem("juesuan-preview-scroll"); window.scrollTo(0, Number(kept)); }
  setInterval(function () {
    fetch("/preview/version?f=" + encodeURIComponent(unit), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (v && v.version !== shown) {
          sessionStorage.setItem("juesuan-preview-scroll", String(window.scrollY));
          location.reload();
        }
      })
      .catch(function () {});
  }, 2000);
})();
