/* The language menu keeps the reader's section (#... in the address); see hooks/anchors.py.
   A translated page carries {its heading id: the English page's id} in #kb-sections. Links
   carry a heading as its English id to English, as #en:<English id> to a translation (no id
   looks like that), other ids (checklist items) as they are. A page reached with #en:<id>
   goes to its own heading, in place of the address. Nothing is fetched. */
(function () {
  var KEY = "en:", here = document.documentElement.lang;
  var data = document.getElementById("kb-sections");
  var toEnglish = data ? JSON.parse(data.textContent) : null;  // null: the page's ids are English
  var fromEnglish = {};
  for (var id in toEnglish) fromEnglish[toEnglish[id]] = id;
  var links = document.querySelectorAll(".md-select__link[hreflang]");

  function fragment() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return ""; }
  }

  function fragmentFor(element, lang) {
    if (!element) return "";
    if (lang === here || !/^H[1-6]$/.test(element.tagName)) return "#" + element.id;
    var key = toEnglish ? toEnglish[element.id] : element.id;
    return key ? "#" + (lang === "en" ? key : KEY + key) : "";
  }

  function update() {
    var name = fragment();
    if (name.indexOf(KEY) === 0 && !document.getElementById(name)) {
      var own = toEnglish ? fromEnglish[name.slice(KEY.length)] : name.slice(KEY.length);
      if (own && document.getElementById(own)) return location.replace("#" + encodeURIComponent(own));
      history.replaceState(history.state, "", location.pathname + location.search);
      name = "";
    }
    var element = name ? document.getElementById(name) : null;
    for (var i = 0; i < links.length; i++) links[i].hash = fragmentFor(element, links[i].getAttribute("hreflang"));
  }

  update();
  window.addEventListener("hashchange", update);
})();
