/* Material's search worker, with words folded (kbFold, kb-fold.js) on both sides: every
   indexed token, and every query. Results still show the page's own text, because Material
   keeps the original documents and highlights by position. hooks/search.py writes the built
   copy of this file: kb-fold.js first, then this, with Material's worker file name filled in. */
(function () {
  var QUERY = 2; /* Material's SearchMessageType.QUERY */
  var handlers = [];

  /* In a worker, relative to this file; in the iframe that stands in for a worker on file://
     pages (iframe-worker), relative to this script's src. */
  function here(name) {
    var script = self.document && self.document.querySelector("script[src*='kb-search']");
    return new URL(name, script ? script.src : self.location.href).href;
  }

  var addEventListener = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type === "message") handlers.push(handler);
    else addEventListener(type, handler, options);
  };

  function patch() {
    self.addEventListener = addEventListener;
    var Token = self.lunr.Token;
    self.lunr.Token = function (str, metadata) {
      Token.call(this, kbFold(str || ""), metadata);
    };
    self.lunr.Token.prototype = Token.prototype;
  }

  /* importScripts is synchronous in a worker, and returns a promise in the iframe shim. */
  var loading = importScripts(here("__MATERIAL_WORKER__"));
  if (loading && typeof loading.then === "function") loading.then(patch);
  else patch();

  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: kbFold(message.data) };
    }
    for (var i = 0; i < handlers.length; i++) handlers[i]({ data: message });
  });
})();
