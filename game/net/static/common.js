/* Summit: what the students' page and the teacher's page share: making page elements from untrusted text
   (only ever through textContent and createElement, never innerHTML), the status line, and the page's words
   in the host's language (the JSON table the host writes into <script id="summit-words">, game/net/words.py:
   t(key, fields) fills in a text's {named} fields, plural(key, count, fields) picks the form for a count,
   num and pct write numbers as the language does). Loaded before student.js and teacher.js; it defines
   window.Summit and nothing else. */
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

  var WORDS = {};
  try { WORDS = JSON.parse($("summit-words").textContent) || {}; } catch (e) { WORDS = {}; }

  function fill(text, fields) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, name) {
      return fields && Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name]) : whole;
    });
  }

  // A text of the page in the host's language, its {fields} filled in (the key itself if the table lacks it).
  function t(key, fields) {
    return fill(Object.prototype.hasOwnProperty.call(WORDS, key) ? WORDS[key] : key, fields);
  }

  // A text whose words depend on a count: the table gives its forms for 0, 1 and more; {count} is filled in.
  function plural(key, count, fields) {
    var forms = WORDS[key] || [key, key, key];
    var all = {count: count};
    if (fields) Object.keys(fields).forEach(function (k) { all[k] = fields[k]; });
    return fill(forms[count === 0 ? 0 : count === 1 ? 1 : 2], all);
  }

  // A number with `places` decimals and the language's decimal sign ("3,5"); a percentage ("3,5 %").
  function num(value, places) {
    var text = Number(value).toFixed(places || 0);
    return WORDS._decimal && WORDS._decimal !== "." ? text.replace(".", WORDS._decimal) : text;
  }
  function pct(value, places) {
    return fill(WORDS._percent || "{number}%", {number: num(value, places)});
  }
  // As many decimals as the number has ("1.28" two, "2" none): for numbers the host sends as they are.
  function places(value) {
    var text = String(value);
    return text.indexOf(".") < 0 ? 0 : text.length - text.indexOf(".") - 1;
  }

  window.Summit = {$: $, el: el, clear: clear, status: status, t: t, plural: plural, num: num, pct: pct,
                   places: places};
})();
