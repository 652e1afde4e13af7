/* Quick exit: leave this site at once for a neutral page, without needing any other script.
   - the "Exit this page" button and the hidden skip link at the top of the page;
   - pressing Shift three times, each press within 5 seconds of the last (any other key, or
     Shift used with another key, starts the count again), announced to screen readers and
     shown on screen: each press lights one of the three lights on the button, and a line
     above it says how many presses are left, until the count starts again;
   The page is hidden at once, and location.replace() takes this page out of Back. The
   browser's history still lists it: the "Staying safe online" page says so. */
(function () {
  var exitBar = document.getElementById("kb-exit");
  if (!exitBar) return;
  var target = exitBar.getAttribute("data-href");
  var status = document.getElementById("kb-exit-status");
  var count = exitBar.querySelector(".kb-exit__count");
  var presses = 0;
  var timer = null;

  function text(name) { return exitBar.getAttribute("data-" + name) || ""; }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("kb-exiting");
    var overlay = document.createElement("div");
    overlay.className = "kb-exit-overlay";
    overlay.textContent = text("activated");
    document.body.appendChild(overlay);
    window.location.replace(target);
  }

  var triggers = document.querySelectorAll("[data-kb-exit]");
  for (var i = 0; i < triggers.length; i++) triggers[i].addEventListener("click", leave);

  function announce(message) { if (status) status.textContent = message; }

  function remaining() { return text(presses === 1 ? "two-more" : "one-more"); }

  /* The lights and the line above the button show the presses so far (kb.css). */
  function show() {
    if (presses > 0) exitBar.setAttribute("data-presses", String(presses));
    else exitBar.removeAttribute("data-presses");
    if (count) count.textContent = presses > 0 ? remaining() : "";
  }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
    show();
  }

  /* A press counts when Shift goes up without another key having gone down meanwhile, so
     Shift used as a modifier (Shift+A) does not count; any other key starts again. */
  var shiftHeld = false, usedAsModifier = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { shiftHeld = true; usedAsModifier = false; }
      return;
    }
    if (shiftHeld) usedAsModifier = true;
    if (presses > 0) reset();
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    shiftHeld = false;
    if (usedAsModifier) return;
    presses += 1;
    if (timer) clearTimeout(timer);
    if (presses >= 3) { reset(); leave(); return; }
    show();
    announce(remaining());
    timer = setTimeout(function () { reset(); announce(text("expired")); }, 5000);
  }, true);

  /* Coming back with Back from the bfcache: show the page again, with no presses counted. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      reset();
      announce("");
      document.documentElement.classList.remove("kb-exiting");
      var overlays = document.querySelectorAll(".kb-exit-overlay");
      for (var i = 0; i < overlays.length; i++) overlays[i].remove();
    }
  });
})();
