/* Material's search worker, with words folded (kbFold, kb-fold.js) on both sides, little words
   set aside and results ranked by how many of the reader's words a page has. hooks/search.py
   writes the built copy of this file: kb-fold.js first, then this, without comments, with
   Material's worker file name filled in, and puts the language and its little words into
   the index's config (kb_language, kb_little_words, from strings/<lang>.yml).

   A query is split into words as the index is; each word is folded the way the index was.
   Little words ("the", "të", "со", "u") are dropped when the query has other words, so no
   page turns up for them alone; a query of little words only is searched as it is. Every
   word is searched as typed and as the start of a longer word (prefix search), an exact
   match weighing more. Results are pages: a page that has more of the words comes first,
   Material's score decides among pages that have as many. The words shown as found or
   missing ("Missing: ...") are the reader's own, as typed, not their folded forms.

   Online, the index a page loads is a stub naming the real one (config.kb_index): Material's
   worker and the index are only downloaded when someone searches, not with every page. From
   disk (file://), Material hands over the whole index at once, as search_index.js holds it. */
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
  var EXACT = 5; /* the weight of a word found as typed, against found as the start of a word */
  var handlers = [];
  var deferred = null; /* the stub's SETUP message, until the first query */
  var loading = null;
  var answeredReady = false; /* READY was sent for the stub: Material's own is not needed */
  var language = { lang: "en", little: {}, separator: /[\s\-]+/ };
  var asked = []; /* the parsed queries Material is answering, in order */

  /* In a worker, relative to this file; in the iframe that stands in for a worker on file://
     pages (iframe-worker), relative to this script's src. */
  function here(name) {
    var script = self.document && self.document.querySelector("script[src*='kb-search']");
    return new URL(name, script ? script.src : self.location.href).href;
  }

  var addEventListener = self.addEventListener.bind(self);
  var postMessage = self.postMessage.bind(self);

  function fold(text) {
    return kbFold(text, language.lang);
  }

  function learn(config) {
    language = { lang: config.kb_language || "en", little: {}, separator: new RegExp(config.separator, "g") };
    (config.kb_little_words || []).forEach(function (word) { language.little[fold(word)] = true; });
  }

  function patchLunr() {
    self.addEventListener = addEventListener;
    var Token = self.lunr.Token;
    self.lunr.Token = function (str, metadata) {
      Token.call(this, fold(str || ""), metadata);
    };
    self.lunr.Token.prototype = Token.prototype;
  }

  /* The reader's words: {typed, key (folded), presence ("+" required, "-" excluded, "")}.
     Quoted words are required, as Material has them. */
  function parse(typed) {
    var words = [];
    typed
      .replace(/"([^"]*)"/g, function (match, inner) { return inner.replace(/(^|\s+)(?=\S)/g, " +"); })
      .split(/\s+/)
      .forEach(function (part) {
        var presence = /^[+-]/.test(part) ? part[0] : "";
        part.slice(presence.length).split(language.separator).forEach(function (text) {
          var key = text && fold(text);
          if (key && !words.some(function (word) { return word.key === key; }))
            words.push({ typed: text, key: key, presence: presence });
        });
      });
    var meaningful = words.filter(function (word) { return word.presence === "-" || !language.little[word.key]; });
    var searched = meaningful.some(function (word) { return word.presence !== "-"; }) ? meaningful : words;
    return {
      words: searched.filter(function (word) { return word.presence !== "-"; }),
      query: searched.map(function (word) {
        return word.presence ? word.presence + word.key : word.key + "^" + EXACT + " " + word.key;
      }).join(" ")
    };
  }

  /* Material's result for a parsed query: pages with more of the words first, none with none
     of them, and the words under their typed form. */
  function arrange(result, parsed) {
    var pages = result.items.map(function (items, order) {
      var found = {};
      items.forEach(function (item) {
        var terms = item.terms || {};
        if (!Object.keys(terms).length) return; /* the page's own entry, added without a match */
        item.terms = {};
        parsed.words.forEach(function (word) {
          item.terms[word.typed] = !!terms[word.key];
          if (terms[word.key]) found[word.key] = true;
        });
      });
      return { items: items, order: order, found: Object.keys(found).length };
    });
    if (parsed.words.length) pages = pages.filter(function (page) { return page.found > 0; });
    pages.sort(function (a, b) { return b.found - a.found || a.order - b.order; });
    var data = {};
    for (var key in result) data[key] = result[key];
    data.items = pages.map(function (page) { return page.items; });
    return { type: RESULT, data: data };
  }

  /* Load Material's worker; importScripts is synchronous in a worker and returns a promise
     in the iframe shim. */
  function loadMaterial() {
    self.addEventListener = function (type, handler, options) {
      if (type === "message") handlers.push(handler);
      else addEventListener(type, handler, options);
    };
    return Promise.resolve(importScripts(here("__MATERIAL_WORKER__"))).then(patchLunr);
  }

  function deliver(message) {
    return Promise.all(handlers.map(function (handler) { return handler({ data: message }); }));
  }

  /* Material's worker, set up with the whole index, once. */
  function ready(setup) {
    if (!loading) {
      loading = loadMaterial().then(function () {
        var index = setup.data.config.kb_index;
        if (!index) return setup;
        var root = new URL("../../../", self.location.href);
        return fetch(new URL(index, root)).then(function (response) { return response.json(); })
          .then(function (full) {
            return { type: SETUP, data: { config: full.config, docs: full.docs, options: setup.data.options } };
          });
      }).then(function (message) {
        learn(message.data.config);
        self.postMessage = function (reply) {
          if (answeredReady && reply && reply.type === READY) return;
          if (reply && reply.type === RESULT && asked.length) reply = arrange(reply.data, asked.shift());
          postMessage(reply);
        };
        return deliver(message);
      });
    }
    return loading;
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP && message.data.config.kb_index) {
      deferred = message;
      answeredReady = true;
      postMessage({ type: READY });
      return;
    }
    if (message.type === SETUP) {
      ready(message);
      return;
    }
    if (message.type === QUERY && typeof message.data === "string") {
      var typed = message.data;
      if (!typed.trim() && !loading) {
        postMessage({ type: RESULT, data: { items: [] } }); /* nothing typed yet: load nothing */
        return;
      }
      ready(deferred || message).then(function () {
        var parsed = parse(typed);
        asked.push(parsed);
        deliver({ type: QUERY, data: parsed.query });
      });
      return;
    }
    ready(deferred || message).then(function () { deliver(message); });
  });
})();
