/* Summit: the teacher's page. The teacher's token is after '#' in the address (it never reaches a server log);
   it is sent once, in hello. Text from the server only reaches the page through textContent. */
(function () {
  "use strict";

  var PROTOCOL = 1;
  var PLAYED_BY = {person: "a student", absent: "away (the table waits)", left: "has left", program: "a program (summit join)", computer: "the computer", empty: "nobody yet"};
  var token = decodeURIComponent(location.hash.replace(/^#/, ""));
  var socket = null, wait = 1000, retryTimer = null, pingTimer = null;
  var panels = [];   // one per table: its nodes, built once, updated on every state
  var room = "", studentsUrl = "";

  var $ = Summit.$, el = Summit.el, clear = Summit.clear, status = Summit.status;   // common.js
  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); return true; }
    status("Not connected: reconnecting…", true);
    return false;
  }
  function command(table, name, value) {
    if (send({type: "teacher", table: table, command: name, value: value === undefined ? null : value}))
      status("Sent: " + name + "…");
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
        status("Connected.");
      } else if (m.type === "state" && m.teacher) {
        render(m.teacher);
      } else if (m.type === "done") {
        status(m.message || "Done.");
      } else if (m.type === "error") {
        status(m.message || "Refused.", true);
      }
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
      status("Connection lost: reconnecting…", true);
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
    var row1 = el("div", {className: "controls", role: "group", "aria-label": "Table " + (i + 1) + ": the game"});
    p.start = button("Start now", function () { command(i, "start"); }, "primary");
    p.pause = button("Pause", function () { command(i, p.paused ? "resume" : "pause"); });
    p.talks = button("Talks off", function () { command(i, "talks", !p.talksOn); });
    p.undo = button("Undo the last move", function () { command(i, "undo"); });
    p.undoWhy = el("span", {className: "hint", id: "t" + i + "-undo-why"});
    p.undo.setAttribute("aria-describedby", p.undoWhy.id);
    [p.start, p.pause, p.talks, p.undo, p.undoWhy].forEach(function (n) { row1.appendChild(n); });
    card.appendChild(row1);

    // clocks
    var row2 = el("div", {className: "controls", role: "group", "aria-label": "Table " + (i + 1) + ": the clocks"});
    p.deadlineInput = el("input", {id: "t" + i + "-deadline", type: "number", min: "0", max: "3600", step: "10", value: "120"});
    row2.appendChild(field("Round deadline (s, 0: none)", p.deadlineInput));
    row2.appendChild(button("Set deadline", function () { command(i, "deadline", Number(p.deadlineInput.value)); }));
    p.extendInput = el("input", {id: "t" + i + "-extend", type: "number", min: "1", max: "3600", step: "10", value: "60"});
    row2.appendChild(field("Extend by (s)", p.extendInput));
    row2.appendChild(button("Extend", function () { command(i, "extend", Number(p.extendInput.value)); }));
    p.timeoutInput = el("input", {id: "t" + i + "-timeout", type: "number", min: "0", max: "3600", step: "10", value: "120"});
    row2.appendChild(field("Timeout of an absent seat (s)", p.timeoutInput));
    row2.appendChild(button("Set timeout", function () { command(i, "timeout", Number(p.timeoutInput.value)); }));
    card.appendChild(row2);

    // events and the end
    var row3 = el("div", {className: "controls", role: "group", "aria-label": "Table " + (i + 1) + ": events and the end"});
    p.events = el("select", {id: "t" + i + "-event"});
    row3.appendChild(field("Event", p.events));
    p.inject = button("Inject the event", function () { if (p.events.value) command(i, "inject", p.events.value); });
    row3.appendChild(p.inject);
    p.endChoice = el("select", {id: "t" + i + "-end"});
    p.endChoice.appendChild(el("option", {value: "adopt"}, "adopt the draft"));
    p.endChoice.appendChild(el("option", {value: "nodeal"}, "no deal"));
    row3.appendChild(field("End now with", p.endChoice));
    p.end = button("End now…", function () {
      var adopt = p.endChoice.value === "adopt";
      if (window.confirm("End table " + (i + 1) + " now with " + (adopt ? "the draft adopted" : "no deal") + "? This cannot be undone."))
        command(i, "end_now", adopt);
    }, "danger");
    row3.appendChild(p.end);
    card.appendChild(row3);

    // seats and devices
    card.appendChild(el("h3", null, "Seats"));
    p.seats = el("table", {className: "devices"});
    card.appendChild(p.seats);
    card.appendChild(el("h3", null, "Devices"));
    p.devices = el("table", {className: "devices"});
    card.appendChild(p.devices);
    card.appendChild(el("h3", null, "This round"));
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
    if (t.room && !room) { room = t.room; studentsUrl = t.students_url || studentsUrl; showAddress(); }
    var facts = $("facts");
    clear(facts);
    facts.appendChild(el("li", null, t.tables.length + (t.tables.length === 1 ? " table" : " tables")));
    $("start-at").textContent = typeof t.start_at === "number" ? "Starts on its own in " + Math.round(t.start_at) + " s." : "";
    var box = $("tables");
    t.tables.forEach(function (table, i) {
      if (!panels[i]) { panels[i] = buildPanel(i); box.appendChild(panels[i].card); }
      update(panels[i], table, i);
    });
    var notices = $("notices");
    clear(notices);
    (t.notices || []).slice().reverse().forEach(function (n) { notices.appendChild(el("li", null, n)); });
    if (!t.notices || !t.notices.length) notices.appendChild(el("li", {className: "muted"}, "Nothing yet."));
  }

  function update(p, v, i) {
    var t = v.table, x = v.teacher;
    p.heading.textContent = "Table " + (i + 1) + ": " + t.title;
    var bits = ["Round " + t.round + " of " + t.rounds, t.phase_name];
    if (!t.started) bits.push("not started");
    if (t.over) bits.push("over");
    else if (t.actor_name) bits.push("turn: " + t.actor_name);
    if (t.paused) bits.push("PAUSED");
    if (typeof t.deadline_left === "number") bits.push("round deadline in " + Math.round(t.deadline_left) + " s");
    bits.push("talks " + (t.talks_on ? "on" : "off"));
    p.facts.textContent = bits.join(" · ");
    p.moved.textContent = "Moved this round: " + (x.moved.length ? x.moved.join(", ") : "nobody yet");
    p.waiting.textContent = "Waiting for: " + (x.waiting.length ? x.waiting.join(", ") : "nobody");
    p.paused = t.paused; p.talksOn = t.talks_on;
    p.start.disabled = t.started;
    p.pause.textContent = t.paused ? "Resume" : "Pause";
    p.pause.disabled = t.over;
    p.talks.textContent = t.talks_on ? "Turn talks off" : "Turn talks on";
    p.undo.disabled = !!x.undo;
    p.undoWhy.textContent = x.undo ? "Undo: " + x.undo : "";
    if (document.activeElement !== p.timeoutInput) p.timeoutInput.value = String(Math.round(x.timeout));
    fillSelect(p.events, x.events.length ? x.events.map(function (e) { return [e.id, e.label]; }) :
                         [["", "no event left to fire"]]);
    p.inject.disabled = !x.events.length || t.over;
    p.end.disabled = t.over;
    p.events.disabled = !x.events.length;

    // seats: who plays each, and the computer / hand back controls
    clear(p.seats);
    p.seats.appendChild(row(["Seat", "Played by", "", ""], true));
    v.roster.forEach(function (r) {
      var byComputer = x.computer_seats.indexOf(r.seat) >= 0;
      var toComputer = button("Computer plays it", function () { command(i, "computer", r.seat); });
      toComputer.disabled = byComputer || t.over;
      toComputer.setAttribute("aria-label", "The computer plays " + r.name);
      var back = button("Hand it back", function () { command(i, "hand_back", r.seat); });
      back.disabled = !byComputer || t.over;
      back.setAttribute("aria-label", "Hand " + r.name + " back to its devices");
      p.seats.appendChild(row([r.label + (r.acting ? " (acting)" : ""),
                               (PLAYED_BY[r.played_by] || r.played_by) + (byComputer ? " (handed to the computer)" : ""),
                               toComputer, back]));
    });

    clear(p.devices);
    if (!x.devices.length) {
      p.devices.appendChild(row(["No device has joined yet."]));
    } else {
      p.devices.appendChild(row(["Device", "Seat", "Name", "Connected", ""], true));
      x.devices.forEach(function (d) {
        var remove = button("Remove", function () {
          if (window.confirm("Remove device " + d.number + " (" + d.seat_name + ")? Its token stops working."))
            command(i, "remove", d.number);
        });
        remove.setAttribute("aria-label", "Remove device " + d.number);
        p.devices.appendChild(row([String(d.number), d.seat_name, (d.name || "—") + (d.agent ? " (summit join)" : ""),
                                   d.connected ? "yes" : "no (away)", remove]));
      });
    }
    clear(p.log);
    if (!v.log.length) p.log.appendChild(el("li", {className: "tone-muted"}, "Nothing yet this round."));
    v.log.forEach(function (line) {
      p.log.appendChild(el("li", {className: "tone-" + line.tone + (line.bold ? " bold" : "")}, line.text));
    });
    p.logPath.textContent = (x.log ? "Log: " + x.log : "") + (x.log_error ? " · the log cannot be written: " + x.log_error : "");
    if (v.outcome) p.facts.textContent += " · " + v.outcome.headline;
  }

  if (!token) {
    status("The teacher's page needs its token: open the address summit host printed (it ends with #…).", true);
  } else {
    connect();
  }
})();
