/* Ticks on a checklist are never kept. A browser brings a page back as it was left: from its
   back-forward cache (Back, Forward) or by restoring the form (reload, or Back without that
   cache). On a shared device the next person would see what was ticked. The boxes carry
   autocomplete="off" against form restoration; this clears them whenever the page is shown. */
addEventListener("pageshow", function () {
  document.querySelectorAll(".kb-checklist input[type=checkbox]").forEach(function (box) {
    box.checked = false;
  });
});
