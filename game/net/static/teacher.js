/* Summit: the teacher's page. The teacher's token is after '#' in the address (it never reaches a server log);
   it is sent once, in hello. Text from the server only reaches the page through textContent. */
(function () {
  "use strict";

  var PROTOCOL = 1;
  var token = decodeURIComponent(location.hash.replace(/^#/, ""));
  var socket = null, wait = 1000, retryTimer = null, pingTimer = null;
  var panels = [];   // one per table: its nodes, built once, updated on every state
  var room = "", studentsUrl = "";

  var $ = Summit.$, el = Summit.el, clear = Summit.clear, status = Summit.status;   // common.js
  var t = Summit.t, plural = Summit.plural;                                           // the host's language
  function playedBy(code) { return code ? t("by_" + code) : ""; }
  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); return true; }
    status(t("not_connected"), true);
    return false;
  }
  function command(table, name, value) {
    if (send({type: "teacher", table: table, command: name, value: value === undefined ? null : value}))
      status(t("sent_command", {command: t("command_" + name)}));
  }

  function connect() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    if (socket) return;
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    socket = ws;
    ws.onopen = function () {
      send({type: "hello", v: PROTOCOL, teacher: token});
      if (pingTimer) clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({type: "ping"}); }, 20000);
    };
    ws.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.type === "welcome") {
        wait = 1000;
        room = m.room || ""; studentsUrl = m.students_url || "";
        showAddress();
        status(t("connected_teacher"));
      } else if (m.type === "state" && m.teacher) {
        render(m.teacher);
      } else if (m.type === "done") {
        status(m.message || t("done"));
      } else if (m.type === "error") {
        status(m.message || t("refused"), true);
      }
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
      status(t("connection_lost"), true);
      retryTimer = setTimeout(connect, wait);
      wait = Math.min(15000, wait * 2);
    };
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !socket) { wait = 1000; connect(); }
  });

  function showAddress() {
    var url = studentsUrl + (room ? "?room=" + encodeURIComponent(room) : "");
    var a = $("students-url");
    a.textContent = url;
    a.href = url;
    $("room-code").textContent = room;
  }

  function field(labelText, input) {
    var wrap = el("div", {className: "field"});
    wrap.appendChild(el("label", {htmlFor: input.id}, labelText));
    wrap.appendChild(input);
    return wrap;
  }
  function button(text, onClick, cls) {
    var b = el("button", {type: "button", className: cls || ""}, text);
    b.addEventListener("click", onClick);
    return b;
  }
  function fillSelect(select, options) {
    var keep = select.value;
    var sig = options.map(function (o) { return o[0] + "=" + o[1]; }).join("|");
    if (select.dataset.sig === sig) return;
    clear(select);
    options.forEach(function (o) { select.appendChild(el("option", {value: o[0]}, o[1])); });
    select.dataset.sig = sig;
    select.value = keep;
    if ((select.value !== keep || select.selectedIndex < 0) && options.length) select.selectedIndex = 0;
  }

  function buildPanel(i) {
    var p = {};
    var card = el("section", {className: "card", "aria-labelledby": "t" + i + "-heading"});
    p.heading = el("h2", {id: "t" + i + "-heading"});
    card.appendChild(p.heading);
    p.facts = el("p", {className: "muted"});
    card.appendChild(p.facts);
    p.moved = el("p");
    p.waiting = el("p");
    card.appendChild(p.moved);
    card.appendChild(p.waiting);

    // the game's course
    var row1 = el("div", {className: "controls", role: "group", "aria-label": t("group_game", {number: i + 1})});
    p.start = button(t("start_now"), function () { command(i, "start"); }, "primary");
    p.pause = button(t("pause"), function () { command(i, p.paused ? "resume" : "pause"); });
    p.talks = button(t("talks_off"), function () { command(i, "talks", !p.talksOn); });
    p.undo = button(t("undo"), function () { command(i, "undo"); });
    p.undoWhy = el("span", {className: "hint", id: "t" + i + "-undo-why"});
    p.undo.setAttribute("aria-describedby", p.undoWhy.id);
    [p.start, p.pause, p.talks, p.undo, p.undoWhy].forEach(function (n) { row1.appendChild(n); });
    card.appendChild(row1);

    // clocks
    var row2 = el("div", {className: "controls", role: "group", "aria-label": t("group_clocks", {number: i + 1})});
    p.deadlineInput = el("input", {id: "t" + i + "-deadline", type: "number", min: "0", max: "3600", step: "10", value: "120"});
    row2.appendChild(field(t("deadline_field"), p.deadlineInput));
    row2.appendChild(button(t("set_deadline"), function () { command(i, "deadline", Number(p.deadlineInput.value)); }));
    p.extendInput = el("input", {id: "t" + i + "-extend", type: "number", min: "1", max: "3600", step: "10", value: "60"});
    row2.appendChild(field(t("extend_field"), p.extendInput));
    row2.appendChild(button(t("extend"), function () { command(i, "extend", Number(p.extendInput.value)); }));
    p.timeoutInput = el("input", {id: "t" + i + "-timeout", type: "number", min: "0", max: "3600", step: "10", value: "120"});
    row2.appendChild(field(t("timeout_field"), p.timeoutInput));
    row2.appendChild(button(t("set_timeout"), function () { command(i, "timeout", Number(p.timeoutInput.value)); }));
    card.appendChild(row2);

    // events and the end
    var row3 = el("div", {className: "controls", role: "group", "aria-label": t("group_events", {number: i + 1})});
    p.events = el("select", {id: "t" + i + "-event"});
    row3.appendChild(field(t("event"), p.events));
    p.inject = button(t("inject"), function () { if (p.events.value) command(i, "inject", p.events.value); });
    row3.appendChild(p.inject);
    p.endChoice = el("select", {id: "t" + i + "-end"});
    p.endChoice.appendChild(el("option", {value: "adopt"}, t("adopt_the_draft")));
    p.endChoice.appendChild(el("option", {value: "nodeal"}, t("no_deal")));
    row3.appendChild(field(t("end_with"), p.endChoice));
    p.end = button(t("end_now"), function () {
      var adopt = p.endChoice.value === "adopt";
      if (window.confirm(t(adopt ? "end_adopt_question" : "end_no_deal_question", {number: i + 1})))
        command(i, "end_now", adopt);
    }, "danger");
    row3.appendChild(p.end);
    card.appendChild(row3);

    // seats and devices
    card.appendChild(el("h3", null, t("seats")));
    p.seats = el("table", {className: "devices"});
    card.appendChild(p.seats);
    card.appendChild(el("h3", null, t("devices")));
    p.devices = el("table", {className: "devices"});
    card.appendChild(p.devices);
    card.appendChild(el("h3", null, t("this_round")));
    p.log = el("ol", {className: "log"});
    card.appendChild(p.log);
    p.logPath = el("p", {className: "hint"});
    card.appendChild(p.logPath);
    p.card = card;
    return p;
  }

  function row(cells, header) {
    var tr = el("tr");
    cells.forEach(function (c) {
      var td = el(header ? "th" : "td", header ? {scope: "col"} : null);
      if (c instanceof Node) td.appendChild(c); else td.textContent = c;
      tr.appendChild(td);
    });
    return tr;
  }

  function render(t) {
    var words = Summit.t;   // `t` is the teacher's view here
    if (t.room && !room) { room = t.room; studentsUrl = t.students_url || studentsUrl; showAddress(); }
    var facts = $("facts");
    clear(facts);
    facts.appendChild(el("li", null, plural("table_count", t.tables.length)));
    $("start-at").textContent = typeof t.start_at === "number" ? words("starts_in", {seconds: Math.round(t.start_at)}) : "";
    var box = $("tables");
    t.tables.forEach(function (table, i) {
      if (!panels[i]) { panels[i] = buildPanel(i); box.appendChild(panels[i].card); }
      update(panels[i], table, i);
    });
    var notices = $("notices");
    clear(notices);
    (t.notices || []).slice().reverse().forEach(function (n) { notices.appendChild(el("li", null, n)); });
    if (!t.notices || !t.notices.length) notices.appendChild(el("li", {className: "muted"}, words("nothing_yet")));
  }

  function update(p, v, i) {
    var tb = v.table, x = v.teacher;
    p.heading.textContent = t("table_title", {number: i + 1, title: tb.title});
    // a game that is over says so once: its phase's name is already "Over"
    var bits = [t("round_of", {round: tb.round, rounds: tb.rounds}), tb.phase_name];
    if (!tb.started) bits.push(t("not_started"));
    if (!tb.over && tb.actor_name) bits.push(t("turn_lower", {name: tb.actor_name}));
    if (tb.paused) bits.push(t("paused_caps"));
    if (typeof tb.deadline_left === "number") bits.push(t("deadline_in", {seconds: Math.round(tb.deadline_left)}));
    bits.push(tb.talks_on ? t("talks_on_state") : t("talks_off_state"));
    p.facts.textContent = bits.join(" · ");
    p.moved.textContent = t("moved_round", {names: x.moved.length ? x.moved.join(", ") : t("played_empty")});
    p.waiting.textContent = t("waiting_for", {names: x.waiting.length ? x.waiting.join(", ") : t("nobody")});
    p.paused = tb.paused; p.talksOn = tb.talks_on;
    p.start.disabled = tb.started;
    p.pause.textContent = tb.paused ? t("resume") : t("pause");
    p.pause.disabled = tb.over;
    p.talks.textContent = tb.talks_on ? t("turn_talks_off") : t("turn_talks_on");
    p.undo.disabled = !!x.undo;
    p.undoWhy.textContent = x.undo ? t("undo_why", {reason: x.undo}) : "";
    if (document.activeElement !== p.timeoutInput) p.timeoutInput.value = String(Math.round(x.timeout));
    fillSelect(p.events, x.events.length ? x.events.map(function (e) { return [e.id, e.label]; }) :
                         [["", t("no_event_left")]]);
    p.inject.disabled = !x.events.length || tb.over;
    p.end.disabled = tb.over;
    p.events.disabled = !x.events.length;

    // seats: who plays each, and the computer / hand back controls
    clear(p.seats);
    p.seats.appendChild(row([t("seat"), t("played_by"), "", ""], true));
    v.roster.forEach(function (r) {
      var byComputer = x.computer_seats.indexOf(r.seat) >= 0;
      var toComputer = button(t("computer_plays_it"), function () { command(i, "computer", r.seat); });
      toComputer.disabled = byComputer || tb.over;
      toComputer.setAttribute("aria-label", t("computer_plays_name", {name: r.name}));
      var back = button(t("hand_it_back"), function () { command(i, "hand_back", r.seat); });
      back.disabled = !byComputer || tb.over;
      back.setAttribute("aria-label", t("hand_name_back", {name: r.name}));
      var played = playedBy(r.played_by);
      p.seats.appendChild(row([r.acting ? t("acting", {label: r.label}) : r.label,
                               byComputer ? t("handed_to_computer", {played: played}) : played,
                               toComputer, back]));
    });

    clear(p.devices);
    if (!x.devices.length) {
      p.devices.appendChild(row([t("no_device")]));
    } else {
      p.devices.appendChild(row([t("device"), t("seat"), t("name"), t("connected_column"), ""], true));
      x.devices.forEach(function (d) {
        var remove = button(t("remove"), function () {
          if (window.confirm(t("remove_question", {number: d.number, seat: d.seat_name})))
            command(i, "remove", d.number);
        });
        remove.setAttribute("aria-label", t("remove_device", {number: d.number}));
        p.devices.appendChild(row([String(d.number), d.seat_name,
                                   d.agent && !/\(summit join\)$/.test(d.name || "") ? t("summit_join_name", {name: d.name || "—"}) : (d.name || "—"),
                                   d.connected ? t("yes") : t("no_away"), remove]));
      });
    }
    clear(p.log);
    if (!v.log.length) p.log.appendChild(el("li", {className: "tone-muted"}, t("nothing_this_round")));
    v.log.forEach(function (line) {
      p.log.appendChild(el("li", {className: "tone-" + line.tone + (line.bold ? " bold" : "")}, line.text));
    });
    var logBits = [];
    if (x.log) logBits.push(t("log_at", {path: x.log}));
    if (x.log_error) logBits.push(t("log_cannot", {error: x.log_error}));
    p.logPath.textContent = logBits.join(" · ");
    if (v.outcome) p.facts.textContent += " · " + v.outcome.headline;
  }

  if (!token) {
    status(t("needs_token"), true);
  } else {
    connect();
  }
})();
