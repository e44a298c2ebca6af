/* Summit: what the students' page and the teacher's page share: making page elements from untrusted text
   (only ever through textContent and createElement, never innerHTML) and the status line. Loaded before
   student.js and teacher.js; it defines window.Summit and nothing else. */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else if (k === "htmlFor") node.htmlFor = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function status(text, isError) {
    var line = $("status");
    line.textContent = text || "";
    line.classList.toggle("error", !!isError);
  }

  window.Summit = {$: $, el: el, clear: clear, status: status};
})();
