/* Search folding: the form in which words are indexed and queried, so that people find what
   they mean however they type it. kbFold(text, lang) is applied to every indexed word and to
   every query word of that language's index, never to the text shown in results; both sides
   reduce to one skeleton, so every spelling people use for a letter finds it:

   - every language: lower case, diacritics off (ë e, ç c, č ć c, š s, ž z);
   - sq: "ch" typed for ç;
   - bs: đ as dj or d; š, ž, č as sh, zh, ch;
   - mk: Cyrillic in Latin letters in every common way: ѓ as g, gj, dj or đ; ќ as k, kj, c or ć;
     ж z or zh; ш s or sh; ч c or ch; џ dz, dzh or dž; ѕ dz; љ, њ lj, nj, l or n; ц c. So ѓ
     and г fold to g, ќ, к, ц and ч to k, љ to l, њ to n: "luge", "lugje" and "ludje" all find
     луѓе, "vrakanje", "vrakjanje" and "vracanje" find враќање.

   The merged letters cost little in a knowledge base of this size (few words differ only in
   к and ц) and keep search forgiving. This is not hooks/anchors.py's romanisation: anchors
   must be readable and one-to-one (ѓ gj, ќ kj, ч ch), search keys must make every way of
   typing a letter meet. Tested in tests/test_search.py (in node) and run in the search worker
   (kb-search.js). */
var kbFold = (function () {
  var CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "е": "e", "ж": "zh", "з": "z",
    "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "kj", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "ch", "џ": "dzh", "ш": "sh", "ѝ": "i", "ѐ": "e",
    /* letters of other Cyrillic alphabets, should a word appear */
    "ђ": "dj", "ћ": "c", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ё": "e", "щ": "sh"
  };
  var LETTERS = { "đ": "dj", "ð": "d", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe" };
  /* Per language, in order: the spellings typed for one letter, reduced to one. Each rule
     leaves nothing an earlier one would change, so folding twice gives the same key. */
  var RULES = {
    en: [[/dj/g, "d"]],
    sq: [[/dj/g, "d"], [/ch/g, "c"]],
    bs: [[/dzh/g, "dz"], [/zh/g, "z"], [/sh/g, "s"], [/ch/g, "c"], [/dj/g, "d"]],
    mk: [[/dzh/g, "dz"], [/zh/g, "z"], [/sh/g, "s"], [/ch/g, "c"], [/[gd]j/g, "g"], [/c/g, "k"], [/kj/g, "k"], [/([ln])j/g, "$1"]]
  };
  return function fold(text, lang) {
    var lower = String(text).toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower[i];
      out += CYRILLIC[ch] || LETTERS[ch] || ch;
    }
    out = out.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    var rules = RULES[lang] || RULES.en, before;
    do { /* until nothing changes: "shh" gives "sh" in one pass, "s" in the next */
      before = out;
      for (var r = 0; r < rules.length; r++) out = out.replace(rules[r][0], rules[r][1]);
    } while (out !== before);
    return out;
  };
})();
if (typeof module !== "undefined") module.exports = kbFold; /* node, for the tests */
