/* Search folding: the form in which words are indexed and queried, so that people find what
   they mean however they type it. Lower case; Macedonian Cyrillic written in Latin letters the
   way Macedonians type it (ѓ gj, ќ kj, ж z, ш s, ...); diacritics removed (ë e, ç c, č ć c,
   đ d, š s, ž z); and the digraphs people type instead of those letters folded the same way
   (zh z, sh s, ch c, dj d). Applied to every indexed word and to the query, never to the text
   shown in results. Used by kb-search.js; tested in tests/test_search.py. */
var kbFold = (function () {
  var cyrillic = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "е": "e", "ж": "z", "з": "z",
    "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "kj", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
    /* letters of other Cyrillic alphabets, should a word appear */
    "ђ": "d", "ћ": "c", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ё": "e", "щ": "s"
  };
  var special = { "đ": "d", "ð": "d", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe" };
  return function fold(text) {
    var lower = String(text).toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower[i];
      out += cyrillic[ch] || special[ch] || ch;
    }
    return out
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/dzh|dž/g, "dz")
      .replace(/zh/g, "z")
      .replace(/sh/g, "s")
      .replace(/ch/g, "c")
      .replace(/dj/g, "d");
  };
})();
