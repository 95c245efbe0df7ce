// Drag a workbook onto the upload form: the file goes into the form's file field and the form is sent.
document.querySelectorAll("form[data-drop]").forEach(function (form) {
  var field = form.querySelector("input[type=file]");
  form.addEventListener("dragover", function (event) { event.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", function () { form.classList.remove("over"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("over");
    if (event.dataTransfer.files.length) {
      field.files = event.dataTransfer.files;
      form.submit();
    }
  });
});
