/* The language menu keeps the reader's section (the #... in the address).
   A translated page carries the map of its heading ids to the English page's ids
   (#kb-sections, from hooks/anchors.py); the English ids are the keys all languages share.
   - Leaving: each language link carries the section: to the English page as its own id, to a
     translation as #en:<English id> (no id looks like that, so it cannot be mistaken for one
     of the page's). Other ids, such as checklist items (#check-1-2-3), are the same in every
     language and go as they are.
   - Arriving with #en:<English id>: go to the heading that has that key, under its own id,
     in place of the address (Back does not return to the key).
   Nothing is fetched, so this works from disk; without this script the menu opens the other
   page at its top. */
(function () {
  var KEY = "en:";
  var links = document.querySelectorAll(".md-select__link[hreflang]");
  var here = document.documentElement.lang;
  var data = document.getElementById("kb-sections");
  var toEnglish = data ? JSON.parse(data.textContent) : null;  // null: the page has English ids
  var fromEnglish = {};
  for (var id in toEnglish) fromEnglish[toEnglish[id]] = id;

  function fragment() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return ""; }
  }

  /* The fragment that leads to the reader's section in `lang`, or "" for the page's top. */
  function fragmentFor(element, lang) {
    if (!element) return "";
    if (lang === here || !/^H[1-6]$/.test(element.tagName)) return "#" + element.id;
    var key = toEnglish ? toEnglish[element.id] : element.id;
    if (!key) return "";  // a heading with no English counterpart
    return "#" + (lang === "en" ? key : KEY + key);
  }

  function updateLinks() {
    var name = fragment();
    var element = name ? document.getElementById(name) : null;
    for (var i = 0; i < links.length; i++) {
      links[i].hash = fragmentFor(element, links[i].getAttribute("hreflang"));
    }
  }

  function arrive() {
    var name = fragment();
    if (name.indexOf(KEY) !== 0 || document.getElementById(name)) return;
    var key = name.slice(KEY.length);
    var id = toEnglish ? fromEnglish[key] : key;
    if (id && document.getElementById(id)) location.replace("#" + encodeURIComponent(id));
    else history.replaceState(history.state, "", location.pathname + location.search);
  }

  arrive();
  updateLinks();
  window.addEventListener("hashchange", function () { arrive(); updateLinks(); });
})();
