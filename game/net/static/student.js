/* Summit: the students' page. Plain JavaScript, no library. Everything the server sends is untrusted text:
   it only ever reaches the page through textContent and createElement (never innerHTML).
   The messages are those of docs/protocol.md. */
(function () {
  "use strict";

  var PROTOCOL = 1;
  var PING_EVERY = 20000;
  var MAX_WAIT = 15000;

  var socket = null, wait = 1000, retryTimer = null, pingTimer = null, countdownTimer = null;
  var token = null, room = "", tableIndex = 0, seated = false;
  var view = null, lobbyData = null, lobbyTimer = null;
  var openKind = null, pending = null, lastMove = null, wakeLock = null;
  var deadlineAt = null;
  var moveButtons = {};
  var previewTimer = null;

  var $ = Summit.$, el = Summit.el, clear = Summit.clear, status = Summit.status;   // common.js
  var t = Summit.t, plural = Summit.plural, num = Summit.num, pct = Summit.pct;       // the host's language

  function playedBy(code) { return code ? t("played_" + code) : ""; }
  function kindTitle(kind) { return t("kind_" + kind); }

  // ----- tokens in localStorage, per room and table ---------------------------------------------------
  function key(r, t) { return "summit.token." + r + "." + t; }
  function storeToken() {
    try {
      localStorage.setItem(key(room, tableIndex), token);
      localStorage.setItem("summit.last", JSON.stringify({room: room, table: tableIndex}));
    } catch (e) { /* private mode: the seat lasts as long as the page */ }
  }
  function forgetToken() {
    try { localStorage.removeItem(key(room, tableIndex)); } catch (e) { /* ignore */ }
    token = null;
  }
  function findStoredToken() {
    try {
      var last = JSON.parse(localStorage.getItem("summit.last") || "null");
      if (room) {
        if (last && last.room === room) {
          var kept = localStorage.getItem(key(room, last.table));
          if (kept) return {token: kept, table: last.table};
        }
        for (var i = 0; i < localStorage.length; i++) {
          var k = localStorage.key(i);
          if (k && k.indexOf("summit.token." + room + ".") === 0)
            return {token: localStorage.getItem(k), table: parseInt(k.split(".").pop(), 10) || 0};
        }
        return null;
      }
      if (last) {
        var t2 = localStorage.getItem(key(last.room, last.table));
        if (t2) { room = last.room; return {token: t2, table: last.table}; }
      }
    } catch (e) { /* ignore */ }
    return null;
  }

  // ----- the connection ------------------------------------------------------------------------------
  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    status(t("not_connected"), true);
    return false;
  }

  function connect() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) return;
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    var ws;
    try { ws = new WebSocket(url); } catch (e) { scheduleReconnect(); return; }
    socket = ws;
    ws.onopen = function () {
      if (token) send({type: "hello", v: PROTOCOL, token: token});
      if (pingTimer) clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({type: "ping"}); }, PING_EVERY);
    };
    ws.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message && typeof message.type === "string") receive(message);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
      if (seated) status(t("connection_lost"), true);
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; connect(); }, wait);
    wait = Math.min(MAX_WAIT, wait * 2);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    if (!socket) { wait = 1000; connect(); }
    if (seated) askWakeLock();
  });

  function askWakeLock() {
    if (!seated || !("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* not allowed or unsupported: the screen may sleep */ });
  }

  // ----- messages from the host ----------------------------------------------------------------------
  function receive(m) {
    switch (m.type) {
      case "welcome":
        if (m.teacher) return;
        token = m.token; tableIndex = m.table; wait = 1000;
        storeToken();
        if (m.briefing) showBriefing(m.briefing);
        showSeated();
        status(m.device ? t("connected_device", {device: m.device}) : t("connected"));
        break;
      case "state":
        if (m.view) { handleState(m.view); }
        break;
      case "briefing":
        if (m.briefing) showBriefing(m.briefing);
        break;
      case "preview":
        if (typeof m.score === "number") $("preview").textContent = t("preview", {score: num(m.score, 1)});
        break;
      case "talk":
        if (m.talk) status(t("private_talk", {text: m.talk.text || ""}));
        break;
      case "error":
        handleError(m);
        break;
      case "bye":
        forgetToken();
        showJoin();
        status(t("left_seat", {reason: m.reason || t("removed_default")}), true);
        break;
      default:
        break;
    }
  }

  function handleError(m) {
    var code = m.code, text = m.message || t("went_wrong");
    if (code === "token" || code === "removed") {
      forgetToken();
      showJoin();
      status(code === "token" ? t("seat_not_found", {error: text}) : text, true);
      return;
    }
    if (code === "confirm" && lastMove) {
      var again = lastMove;
      pending = null;
      ask(text, function () { again.confirm = true; sendMove(again); });
      return;
    }
    if (code === "talk") {
      $("talk-error").textContent = text;
      return;
    }
    pending = null;
    status(text, true);
  }

  // ----- the join screen -----------------------------------------------------------------------------
  function showJoin() {
    seated = false;
    $("seated").hidden = true;
    $("join").hidden = false;
    $("title").textContent = t("summit");
    clear($("facts"));
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
    if (room && !$("room").value) $("room").value = room;
    loadLobby();
    if (!lobbyTimer) lobbyTimer = setInterval(function () { if (!seated) loadLobby(); }, 5000);
  }

  function loadLobby() {
    fetch("/api/lobby", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (data) {
      lobbyData = data;
      renderLobby();
    }).catch(function () { $("lobby-note").textContent = t("no_answer"); });
  }

  function renderLobby() {
    var tables = (lobbyData && lobbyData.tables) || [];
    var choice = $("table-choice");
    $("table-field").hidden = tables.length < 2;
    if (choice.options.length !== tables.length) {
      var keep = choice.value;
      clear(choice);
      tables.forEach(function (table, i) { choice.appendChild(el("option", {value: String(i)}, t("table_title", {number: i + 1, title: table.title}))); });
      if (keep) choice.value = keep;
    }
    var index = tables.length > 1 ? parseInt(choice.value || "0", 10) : 0;
    var table = tables[index];
    var list = $("seat-list");
    var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.seat : null;
    clear(list);
    if (!table) { $("lobby-note").textContent = t("no_table"); return; }
    $("lobby-note").textContent = table.over ? t("lobby_over") : table.started ? t("lobby_started") : t("lobby_waiting");
    table.seats.forEach(function (s) {
      var b = el("button", {type: "button", "data-seat": s.seat});
      b.appendChild(el("span", {className: "seat-name"}, s.label));
      var sub = [plural("device_count", s.devices), playedBy(s.played_by)];
      if (s.alone) sub.push(t("held_alone"));
      b.appendChild(el("span", {className: "seat-sub"}, sub.join(" · ")));
      b.disabled = !!s.alone;
      b.addEventListener("click", function () { joinSeat(s.seat); });
      var li = el("li");
      li.appendChild(b);
      list.appendChild(li);
      if (focused === s.seat) b.focus();
    });
  }

  function joinSeat(seatId) {
    var code = $("room").value.trim().toUpperCase();
    if (!code) { status(t("type_room"), true); $("room").focus(); return; }
    room = code;
    var tables = (lobbyData && lobbyData.tables) || [];
    tableIndex = tables.length > 1 ? parseInt($("table-choice").value || "0", 10) : 0;
    var message = {type: "join", v: PROTOCOL, room: code, table: tableIndex, seat: seatId,
                   name: $("name").value.trim().slice(0, 40)};
    if (!socket) connect();
    if (socket && socket.readyState === WebSocket.CONNECTING) {
      socket.addEventListener("open", function () { send(message); }, {once: true});
      status(t("connecting"));
    } else if (send(message)) {
      status(t("joining"));
    }
  }

  // ----- the seated screen ---------------------------------------------------------------------------
  function showSeated() {
    seated = true;
    $("join").hidden = true;
    $("seated").hidden = false;
    if (lobbyTimer) { clearInterval(lobbyTimer); lobbyTimer = null; }
    askWakeLock();
  }

  function handleState(v) {
    var before = view;
    view = v;
    if (!seated) showSeated();
    if (pending !== null && (!v.you.your_turn || !before || v.log.length !== before.log.length ||
                             v.table.phase !== before.table.phase)) {
      pending = null;
      closeForm();
    }
    renderTop(v);
    renderOutcome(v, before);
    renderYou(v);
    renderDraft(v);
    renderMoves(v);
    renderLog(v);
    renderRoster(v);
    renderTalks(v);
    var wasTurn = before && before.you && before.you.your_turn;
    if (v.you.your_turn && !wasTurn && !v.table.over) status(t("turn_status", {name: v.you.name}));
  }

  function renderTop(v) {
    var tb = v.table;
    $("title").textContent = tb.title;
    document.title = t(v.you.your_turn ? "title_turn" : "title_plain", {title: tb.title});
    var facts = $("facts");
    clear(facts);
    facts.appendChild(el("li", null, t("round_of", {round: tb.round, rounds: tb.rounds})));
    facts.appendChild(el("li", null, tb.phase_name));
    if (!tb.started) facts.appendChild(el("li", null, t("waiting_start")));
    else if (tb.over) { if (tb.phase !== "over") facts.appendChild(el("li", null, t("over"))); }
    else if (tb.actor_name) facts.appendChild(el("li", null, t(v.you.your_turn ? "turn_of_you" : "turn_of", {name: tb.actor_name})));
    if (tb.paused) facts.appendChild(el("li", {className: "alert"}, t("paused_by_teacher")));
    deadlineAt = (typeof tb.deadline_left === "number" && !tb.over) ? Date.now() + tb.deadline_left * 1000 : null;
    var clock = el("li", {id: "countdown"});
    clock.hidden = deadlineAt === null;
    facts.appendChild(clock);
    tickCountdown();
    if (!countdownTimer) countdownTimer = setInterval(tickCountdown, 1000);
    $("moves-card").hidden = tb.over;
    $("draft-heading").textContent = tb.over ? t("the_last_draft") : t("the_draft");
    $("meter").hidden = tb.over;
    $("talk-form").hidden = tb.over;
    var banner = $("turn-banner");
    banner.hidden = !v.you.your_turn || tb.over;
    banner.textContent = t("turn_banner", {name: v.you.name});
  }

  function tickCountdown() {
    var clock = $("countdown");
    if (!clock || deadlineAt === null) return;
    var paused = view && view.table.paused;
    var left = Math.max(0, Math.round((deadlineAt - Date.now()) / 1000));
    if (paused && view) left = Math.round(view.table.deadline_left);
    var m = Math.floor(left / 60), s = left % 60;
    clock.textContent = t("round_ends", {time: m + ":" + (s < 10 ? "0" : "") + s});
    clock.className = left <= 30 ? "alert" : "";
  }

  function renderOutcome(v, before) {
    var o = v.outcome, box = $("outcome");
    box.hidden = !o;
    if (!o) return;
    $("outcome-headline").textContent = o.headline;
    var terms = $("outcome-terms");
    clear(terms);
    var rows = o.terms && o.terms.length ? o.terms : (o.in_force || []);
    $("outcome-terms-heading").textContent = o.terms && o.terms.length ? t("terms_agreed") : t("terms_no_deal");
    $("outcome-terms-heading").hidden = !rows.length;
    rows.forEach(function (row) {
      terms.appendChild(el("dt", null, row.label));
      terms.appendChild(el("dd", null, row.value));
    });
    $("outcome-score").textContent = typeof o.score === "number" ?
      t("your_score", {score: num(o.score, 1)}) : "";
    if (!before || !before.outcome) {
      status(t("negotiation_over", {headline: o.headline}));
      closeForm();
    }
  }

  function renderYou(v) {
    $("you-label").textContent = v.you.label + (v.you.title ? " · " + v.you.title : "");
    var score = v.meter.score;
    $("meter-score").textContent = num(score, 1);
    var fill = $("meter-fill");
    fill.style.width = Math.max(0, Math.min(100, score)) + "%";
    fill.classList.toggle("low", score < 50);
    var verdict = $("meter-verdict");
    verdict.textContent = v.meter.verdict;
    verdict.className = "verdict " + (v.meter.crossed || score < 50 ? "crossed" : "ok");
    var list = $("positions");
    clear(list);
    (v.positions || []).forEach(function (p) {
      var li = el("li");
      li.appendChild(el("b", null, p.label));
      li.appendChild(document.createTextNode(p.text));
      list.appendChild(li);
    });
  }

  function renderDraft(v) {
    var d = $("draft");
    clear(d);
    v.draft.forEach(function (row) {
      d.appendChild(el("dt", {className: "tone-" + row.tone}, row.label));
      d.appendChild(el("dd", {className: "tone-" + row.tone}, row.value));
    });
  }

  function renderMoves(v) {
    var list = $("moves");
    var kinds = v.moves.map(function (m) { return m.kind; }).join(",");
    if (list.dataset.kinds !== kinds) {
      clear(list);
      moveButtons = {};
      v.moves.forEach(function (m) {
        var li = el("li");
        var b = el("button", {type: "button", id: "move-" + m.kind, "data-kind": m.kind,
                              "aria-describedby": "why-" + m.kind});
        var why = el("span", {className: "why", id: "why-" + m.kind});
        b.addEventListener("click", function () { chooseMove(b.dataset.kind); });
        li.appendChild(b);
        li.appendChild(why);
        list.appendChild(li);
        moveButtons[m.kind] = {button: b, why: why};
      });
      list.dataset.kinds = kinds;
    }
    // one reason for every move (not your turn, paused, not started): said once, above the buttons
    var reasons = v.moves.map(function (m) { return m.allowed ? null : m.reason; });
    var common = reasons.every(function (r) { return r && r === reasons[0]; }) ? reasons[0] : null;
    $("moves-note").textContent = common ? t("not_now", {reason: common}) : "";
    v.moves.forEach(function (m) {
      var parts = moveButtons[m.kind];
      parts.button.textContent = m.label;
      parts.button.disabled = !m.allowed || v.table.over;
      parts.button.title = m.help || "";
      parts.button.classList.toggle("primary", m.allowed && m.kind === "pass");
      if (m.kind !== "pass") parts.button.setAttribute("aria-pressed", openKind === m.kind ? "true" : "false");
      parts.why.textContent = m.allowed ? (m.confirm ? t("asks_first") : "") :
        (m.reason && !common ? t("not_now", {reason: m.reason}) : "");
      if (common) parts.button.setAttribute("aria-describedby", "moves-note");
      else parts.button.setAttribute("aria-describedby", "why-" + m.kind);
    });
    if (openKind) {
      var current = moveOf(openKind);
      var submit = $("move-submit");
      if (submit) submit.disabled = !current || !current.allowed;
      var note = $("move-form-note");
      if (note) note.textContent = current && !current.allowed && current.reason ? t("not_now", {reason: current.reason}) : "";
    }
  }

  function moveOf(kind) {
    if (!view) return null;
    for (var i = 0; i < view.moves.length; i++) if (view.moves[i].kind === kind) return view.moves[i];
    return null;
  }

  function renderLog(v) {
    var log = $("log");
    clear(log);
    if (!v.log.length) log.appendChild(el("li", {className: "tone-muted"}, t("nothing_this_round")));
    v.log.forEach(function (line) {
      log.appendChild(el("li", {className: "tone-" + line.tone + (line.bold ? " bold" : "")}, line.text));
    });
  }

  function renderRoster(v) {
    var list = $("roster");
    clear(list);
    v.roster.forEach(function (r) {
      var li = el("li", {className: r.acting ? "acting" : ""});
      var top = el("div");
      top.appendChild(el("span", {className: "who"}, r.label));
      var tags = el("span", {className: "tags"});
      if (r.you) tags.appendChild(el("span", {className: "tag you"}, t("tag_you")));
      if (r.acting && !v.table.over) tags.appendChild(el("span", {className: "tag acting"}, t("tag_acting")));
      top.appendChild(tags);
      li.appendChild(top);
      var facts = [];
      if (typeof r.spending === "number") facts.push(t("spends", {spending: pct(r.spending, 2)}));
      if (r.pledge) facts.push(t("pledged", {pledge: r.pledge}));
      facts.push(playedBy(r.played_by));
      li.appendChild(el("div", {className: "facts-line"}, facts.join(" · ")));
      if (r.stance) li.appendChild(el("div", {className: "tone-" + r.tone}, r.stance));
      list.appendChild(li);
    });
  }

  // ----- the briefing --------------------------------------------------------------------------------
  function showBriefing(b) {
    $("briefing-heading").textContent = b.heading || t("your_briefing");
    var box = $("briefing");
    clear(box);
    (b.sections || []).forEach(function (s) {
      box.appendChild(el("h3", null, s.title));
      (s.paragraphs || []).forEach(function (p) { box.appendChild(el("p", null, p)); });
      if (s.items && s.items.length) {
        var ul = el("ul");
        s.items.forEach(function (item) {
          var li = el("li");
          if (item.lead) { li.appendChild(el("b", null, item.lead + ": ")); }
          li.appendChild(document.createTextNode(item.text));
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
    });
  }

  // ----- the move forms ------------------------------------------------------------------------------
  function decimals(step) {
    var s = String(step);
    return s.indexOf(".") < 0 ? 0 : s.length - s.indexOf(".") - 1;
  }

  // A control for one issue's value: a slider (with the value in words beside it) or a list of options.
  function valueControl(issue, id, labelText, onChange) {
    var wrap = el("div", {className: "field"});
    wrap.appendChild(el("label", {htmlFor: id}, labelText));
    var input, get;
    if (issue.options) {
      input = el("select", {id: id});
      issue.options.forEach(function (o) { input.appendChild(el("option", {value: o.id}, o.label)); });
      input.value = issue.value;
      get = function () { return input.value; };
      wrap.appendChild(input);
    } else {
      var step = issue.step || 1, places = decimals(step);
      var row = el("div", {className: "value-row"});
      input = el("input", {id: id, type: "range", min: String(issue.range[0]), max: String(issue.range[1]),
                           step: String(step)});
      input.value = String(issue.value);
      var out = el("output", {"for": id});
      // the value in words as the host writes it ("3.5% GDP", "3,5 % du PIB"): its pattern with {value}
      var pattern = typeof issue.value_pattern === "string" ? issue.value_pattern : "{value}";
      var show = function () {
        out.textContent = pattern.replace("{value}", num(input.value, places));
        input.setAttribute("aria-valuetext", out.textContent);
      };
      input.addEventListener("input", show);
      show();
      row.appendChild(input);
      row.appendChild(out);
      wrap.appendChild(row);
      get = function () { return Number(Number(input.value).toFixed(places)); };
    }
    if (onChange) input.addEventListener("input", onChange);
    return {node: wrap, input: input, get: get};
  }

  function numberField(id, labelText, min, max, step, value) {
    var wrap = el("div", {className: "field"});
    wrap.appendChild(el("label", {htmlFor: id}, labelText));
    var input = el("input", {id: id, type: "number", min: String(min), max: String(max), step: String(step),
                             inputmode: "decimal"});
    input.value = String(value);
    wrap.appendChild(input);
    return {node: wrap, input: input, get: function () { return Number(input.value); }};
  }

  function selectField(id, labelText, options, value) {
    var wrap = el("div", {className: "field"});
    wrap.appendChild(el("label", {htmlFor: id}, labelText));
    var input = el("select", {id: id});
    options.forEach(function (o) { input.appendChild(el("option", {value: o[0]}, o[1])); });
    if (value !== undefined) input.value = value;
    wrap.appendChild(input);
    return {node: wrap, input: input, get: function () { return input.value; }};
  }

  function issueById(id) {
    var issues = view.forms.issues;
    for (var i = 0; i < issues.length; i++) if (issues[i].id === id) return issues[i];
    return null;
  }

  function askPreview(values) {
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(function () { send({type: "preview", values: values}); }, 250);
  }

  function chooseMove(kind) {
    var m = moveOf(kind);
    if (!m || !m.allowed) return;
    if (kind === "pass") {
      closeForm();
      var move = {kind: "pass"};
      if (m.confirm) ask(m.confirm, function () { move.confirm = true; sendMove(move); });
      else sendMove(move);
      return;
    }
    if (openKind === kind) { closeForm(); renderMoves(view); return; }
    buildForm(kind);
    renderMoves(view);
  }

  function closeForm() {
    openKind = null;
    var form = $("move-form");
    clear(form);
    form.hidden = true;
    $("preview").textContent = "";
    Object.keys(moveButtons).forEach(function (k) {
      if (k !== "pass") moveButtons[k].button.setAttribute("aria-pressed", "false");
    });
  }

  function buildForm(kind) {
    var f = view.forms, form = $("move-form");
    clear(form);
    openKind = kind;
    $("preview").textContent = "";
    form.appendChild(el("h3", null, kindTitle(kind)));
    var m = moveOf(kind);
    if (m && m.help) form.appendChild(el("p", {className: "hint"}, m.help));
    var collect;
    var issueOptions = f.issues.map(function (i) { return [i.id, i.label]; });

    if (kind === "table") {
      var controls = {};
      var previewAll = function () {
        var values = {};
        Object.keys(controls).forEach(function (k) { values[k] = controls[k].get(); });
        askPreview(values);
      };
      f.issues.forEach(function (issue) {
        var c = valueControl(issue, "f-table-" + issue.id, issue.label, previewAll);
        controls[issue.id] = c;
        form.appendChild(c.node);
      });
      var carve = null;
      if (f.carve_out) {
        carve = selectField("f-table-carve", t("carve_outs"), [["keep", t("keep_as_drafted")], ["grant", t("grant_all")],
                                                               ["none", t("none")]], "keep");
        form.appendChild(carve.node);
        if (f.carve_requests && f.carve_requests.length) {
          form.appendChild(el("p", {className: "hint"}, t("asked_for", {requests: f.carve_requests.map(function (r) {
            return t("ally_until", {ally: r.ally, year: r.year}); }).join(", ")})));
        }
      }
      collect = function () {
        var values = {};
        Object.keys(controls).forEach(function (k) { values[k] = controls[k].get(); });
        var move = {kind: "table", values: values};
        if (carve) move.carve_outs = carve.get();
        return move;
      };
    } else if (kind === "amend" || kind === "promise" || kind === "threat" || kind === "statement") {
      var isOffer = kind === "promise" || kind === "threat";
      var target = null, mode = null, demand = null, bound = null, words = null;
      if (isOffer) {
        var allies = f.targets.filter(function (x) { return x.ally; });
        target = selectField("f-target", t("to_whom"), f.targets.map(function (x) { return [x.seat, x.label]; }),
                             allies.length ? allies[0].seat : undefined);
        form.appendChild(target.node);
        mode = selectField("f-mode", kind === "promise" ? t("in_return_for") : t("unless_they_give"),
                           [["pledge", t("pledge_at_least")], ["issue", t("value_on_issue")]], "pledge");
        form.appendChild(mode.node);
        demand = numberField("f-demand", t("demand"), 0.1, (f.pledge && f.pledge.max) || 10, 0.1, 3.5);
        form.appendChild(demand.node);
      }
      if (kind === "statement") {
        words = el("div", {className: "field"});
        words.appendChild(el("label", {htmlFor: "f-words"}, t("what_you_say")));
        var wordsInput = el("textarea", {id: "f-words", maxlength: "200", rows: "2"});
        words.appendChild(wordsInput);
        form.appendChild(words);
        issueOptions = [["", t("no_issue")]].concat(issueOptions);
      }
      var issue = selectField("f-issue", kind === "statement" ? t("about_issue") : t("issue"), issueOptions,
                              kind === "statement" ? "" : f.issues[0].id);
      form.appendChild(issue.node);
      if (kind === "statement") {
        bound = selectField("f-bound", t("a_limit"), [["", t("no_limit")]]);
        form.appendChild(bound.node);
      }
      var slot = el("div");
      form.appendChild(slot);
      var value = null;
      var rebuild = function () {
        clear(slot);
        value = null;
        if (mode && mode.get() === "pledge") { issue.node.hidden = true; demand.node.hidden = false; return; }
        if (mode) { issue.node.hidden = false; demand.node.hidden = true; }
        var chosen = issueById(issue.get());
        if (bound) {
          var keep = bound.get();
          clear(bound.input);
          bound.input.appendChild(el("option", {value: ""}, t("no_limit")));
          if (chosen && chosen.options) bound.input.appendChild(el("option", {value: "not"}, t("not_this_option")));
          else if (chosen) {
            bound.input.appendChild(el("option", {value: "at_most"}, t("at_most")));
            bound.input.appendChild(el("option", {value: "at_least"}, t("at_least")));
          }
          bound.input.value = keep;
          if (bound.input.value !== keep) bound.input.value = "";
          bound.node.hidden = !chosen;
          if (!chosen || !bound.get()) return;
        }
        if (!chosen) return;
        value = valueControl(chosen, "f-value", bound ? t("limit") : t("value"),
                             kind === "amend" ? function () { var o = {}; o[chosen.id] = value.get(); askPreview(o); } : null);
        slot.appendChild(value.node);
      };
      issue.input.addEventListener("change", rebuild);
      if (mode) mode.input.addEventListener("change", rebuild);
      if (bound) bound.input.addEventListener("change", rebuild);
      rebuild();
      collect = function () {
        if (kind === "statement") {
          var move = {kind: "statement", words: $("f-words").value.trim()};
          if (issue.get()) {
            move.issue = issue.get();
            if (bound.get() && value) { move.bound = bound.get(); move.limit = value.get(); }
          }
          return move;
        }
        if (isOffer) {
          var offer = {kind: kind, target: target.get()};
          if (mode.get() === "pledge") offer.demand = demand.get();
          else { offer.issue = issue.get(); offer.value = value.get(); }
          return offer;
        }
        return {kind: "amend", issue: issue.get(), value: value.get()};
      };
    } else if (kind === "pledge") {
      var p = f.pledge || {level: 2.0, max: 10, min_year: 2026, max_year: 2055, year: 2035, now: 0};
      form.appendChild(el("p", {className: "hint"}, t("you_spend", {spending: pct(p.now, Summit.places(p.now))})));
      var level = numberField("f-level", t("level"), 0.1, p.max, 0.1, p.level);
      var year = numberField("f-year", t("by_year"), p.min_year, p.max_year, 1, p.year);
      form.appendChild(level.node);
      form.appendChild(year.node);
      collect = function () { return {kind: "pledge", level: level.get(), year: Math.round(year.get())}; };
    } else if (kind === "carve_out") {
      var c = f.carve_out || {deadline: 2030, min: 2031, max: 2040};
      form.appendChild(el("p", {className: "hint"}, t("common_deadline", {year: c.deadline})));
      var cy = numberField("f-carve-year", t("own_deadline"), c.min, c.max, 1, Math.min(c.max, c.min + 2));
      form.appendChild(cy.node);
      collect = function () { return {kind: "carve_out", year: Math.round(cy.get())}; };
    } else if (kind === "break_silence") {
      var objections = f.issues.map(function (i) { return [i.id, i.label]; });
      if (f.draft_carve_outs) objections.push(["carve_outs", t("carve_outs")]);
      var obj = selectField("f-object", t("object_on"), objections);
      form.appendChild(obj.node);
      collect = function () { return {kind: "break_silence", issue: obj.get()}; };
    }

    form.appendChild(el("p", {className: "hint", id: "move-form-note"}));
    var actions = el("div", {className: "actions"});
    var submit = el("button", {type: "submit", id: "move-submit", className: "primary"}, t("send_move", {move: m ? m.label : kind}));
    var cancel = el("button", {type: "button"}, t("cancel"));
    cancel.addEventListener("click", function () { closeForm(); renderMoves(view); $("move-" + kind).focus(); });
    actions.appendChild(submit);
    actions.appendChild(cancel);
    form.appendChild(actions);
    form.onsubmit = function (event) {
      event.preventDefault();
      var move;
      try { move = collect(); } catch (e) { status(t("fill_in"), true); return; }
      if (!move) return;
      sendMove(move);
    };
    form.hidden = false;
    var first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function sendMove(move) {
    var reason = $("reason").value.trim().slice(0, 200);
    if (reason && move.kind !== "statement") move.reason = reason;
    lastMove = move;
    if (send({type: "move", move: move})) {
      pending = move.kind;
      status(t("sent_move", {move: moveOf(move.kind) ? moveOf(move.kind).label : move.kind}));
      if (move.kind === "pass" || !openKind) return;
    }
  }

  // ----- the confirm dialog --------------------------------------------------------------------------
  function ask(text, yes) {
    var dialog = $("confirm");
    $("confirm-text").textContent = text;
    var done = function () {
      dialog.removeEventListener("close", done);
      if (dialog.returnValue === "yes") yes();
      else status(t("not_sent"));
    };
    dialog.returnValue = "";
    dialog.addEventListener("close", done);
    if (typeof dialog.showModal === "function") dialog.showModal();
    else if (window.confirm(text)) yes();
  }

  // ----- private talks -------------------------------------------------------------------------------
  var talkValue = null;
  function renderTalks(v) {
    var card = $("talks-card");
    card.hidden = !v.table.talks_on;
    if (!v.table.talks_on) return;
    var f = v.forms;
    var to = $("talk-to");
    var sig = f.targets.map(function (x) { return x.seat; }).join(",");
    if (to.dataset.sig !== sig) {
      clear(to);
      f.targets.forEach(function (x) { to.appendChild(el("option", {value: x.seat}, x.label)); });
      to.dataset.sig = sig;
      var mv = $("talk-move");
      clear(mv);
      f.offer_moves.forEach(function (o) { mv.appendChild(el("option", {value: o.move}, o.words)); });
      var is = $("talk-issue");
      clear(is);
      f.issues.forEach(function (i) { is.appendChild(el("option", {value: i.id}, i.label)); });
      $("talk-text").maxLength = f.max_talk || 280;
      offerFields();
    }
    var open = v.table.phase === "consultations" && !v.table.over;
    $("talk-send").disabled = !open;
    $("talk-note").textContent = open ? t("talk_note_open") : t("talk_note_closed");
    var list = $("talks");
    clear(list);
    if (!v.talks.length) list.appendChild(el("li", {className: "tone-muted"}, t("no_talks")));
    v.talks.slice().reverse().forEach(function (talk) {
      var li = el("li");
      li.appendChild(el("span", {className: "when"}, t(talk.from === v.you.seat ? "talk_sent_in" : "talk_received_in",
                                                       {round: talk.round})));
      li.appendChild(el("span", {className: "talk-text"}, talk.text));
      list.appendChild(li);
    });
  }

  function offerFields() {
    var kind = $("talk-offer").value, move = $("talk-move").value;
    $("talk-offer-fields").hidden = !kind;
    $("talk-issue-field").hidden = !(move === "amend" || move === "break_silence");
    $("talk-level-field").hidden = move !== "pledge";
    var slot = $("talk-value-field");
    clear(slot);
    talkValue = null;
    if (kind && move === "amend" && view) {
      var issue = issueById($("talk-issue").value);
      if (issue) { talkValue = valueControl(issue, "talk-value", t("value"), null); slot.appendChild(talkValue.node); }
    }
  }

  function sendTalk(event) {
    event.preventDefault();
    $("talk-error").textContent = "";
    var text = $("talk-text").value.trim();
    if (!text) { $("talk-error").textContent = t("write_first"); $("talk-text").focus(); return; }
    var offer = null, kind = $("talk-offer").value;
    if (kind) {
      var move = $("talk-move").value;
      offer = {kind: kind, move: move, issue: null, value: null};
      if (move === "amend" || move === "break_silence") offer.issue = $("talk-issue").value;
      if (move === "amend" && talkValue) offer.value = talkValue.get();
      if (move === "pledge") offer.value = Number($("talk-level").value);
    }
    if (send({type: "talk", to: $("talk-to").value, text: text.slice(0, 280), offer: offer})) {
      $("talk-text").value = "";
      status(t("talk_sent"));
    }
  }

  // ----- start ---------------------------------------------------------------------------------------
  function start() {
    var params = new URLSearchParams(location.search);
    room = (params.get("room") || "").trim().toUpperCase();
    $("room").value = room;
    $("join-form").addEventListener("submit", function (e) { e.preventDefault(); joinSeat(null); });
    $("any-seat").addEventListener("click", function () { joinSeat(null); });
    $("table-choice").addEventListener("change", renderLobby);
    $("talk-form").addEventListener("submit", sendTalk);
    $("talk-offer").addEventListener("change", offerFields);
    $("talk-move").addEventListener("change", offerFields);
    $("talk-issue").addEventListener("change", offerFields);
    $("briefing-box").addEventListener("toggle", function () {
      if ($("briefing-box").open && seated && !$("briefing").firstChild) send({type: "briefing"});
    });
    var stored = findStoredToken();
    if (stored && stored.token) {
      token = stored.token; tableIndex = stored.table;
      status(t("coming_back"));
    } else {
      showJoin();
    }
    connect();
  }

  start();
})();
