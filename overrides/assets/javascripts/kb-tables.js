/* A table wider than the text scrolls sideways inside its own box (kb.css). While a box does,
   it is a named stop for the keyboard, so its hidden columns can be reached without a mouse
   (arrow keys scroll it); a box that fits stays out of the Tab order. */
(function () {
  function heading(box) {
    for (var node = box.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && node.id) return node.id;
    }
    return null;
  }

  function update() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset > table");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        var name = heading(box);
        box.setAttribute("tabindex", "0");
        if (name) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", name);
        }
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    }
  }

  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();
