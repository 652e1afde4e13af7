/* Material's search worker, with words folded (kbFold, kb-fold.js) on both sides: every
   indexed token, and every query. Results still show the page's own text, because Material
   keeps the original documents and highlights by position. hooks/search.py writes the built
   copy of this file: kb-fold.js first, then this, with Material's worker file name filled in.

   Online, the index a page loads is a stub naming the real one (config.kb_index): Material's
   worker and the index are only downloaded when someone searches, not with every page. From
   disk (file://), Material hands over the whole index at once, as search_index.js holds it. */
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
  var handlers = [];
  var deferred = null; /* the stub's SETUP message, until the first query */
  var loading = null;
  var answeredReady = false; /* READY was sent for the stub: Material's own is not needed */

  /* In a worker, relative to this file; in the iframe that stands in for a worker on file://
     pages (iframe-worker), relative to this script's src. */
  function here(name) {
    var script = self.document && self.document.querySelector("script[src*='kb-search']");
    return new URL(name, script ? script.src : self.location.href).href;
  }

  var addEventListener = self.addEventListener.bind(self);
  var postMessage = self.postMessage.bind(self);

  function patchLunr() {
    self.addEventListener = addEventListener;
    var Token = self.lunr.Token;
    self.lunr.Token = function (str, metadata) {
      Token.call(this, kbFold(str || ""), metadata);
    };
    self.lunr.Token.prototype = Token.prototype;
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
        self.postMessage = function (reply) {
          if (!(answeredReady && reply && reply.type === READY)) postMessage(reply);
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
      if (!message.data.trim() && !loading) {
        postMessage({ type: RESULT, data: { items: [] } }); /* nothing typed yet: load nothing */
        return;
      }
      message = { type: QUERY, data: kbFold(message.data) };
    }
    ready(deferred || message).then(function () { deliver(message); });
  });
})();
