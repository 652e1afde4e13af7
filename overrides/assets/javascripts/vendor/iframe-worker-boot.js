/*! iframe-worker 1.0.4 (frame set-up) | MIT License | (c) Martin Donath | https://github.com/squidfunk/iframe-worker
    The code the original shim writes inline into the worker's frame, as a file, so that the
    Content-Security-Policy needs no 'unsafe-inline' (see iframe-worker-shim.js). */
"use strict";(()=>{var w=document.currentScript.getAttribute("data-worker");
self.postMessage=function(s,n){parent.postMessage(s,n||"*")};
self.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};
addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:w,error}))});})();
