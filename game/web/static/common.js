// Shared by the team page, the projector and the console: the websocket, reconnection,
// the clock and a small DOM builder. Text is always set as text, never parsed as HTML.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

// Redraw a section only when what it shows has changed, so focus, clicks and typing survive.
const drawn = {};
function section(id, data, build) {
  const key = JSON.stringify(data);
  if (drawn[id] === key) return;
  drawn[id] = key;
  fill(id, build(data));
}

function clockText(seconds) {
  const whole = Math.round(Math.abs(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// The clock counts down on the page between views; the server's view resets it.
const Clock = {
  remaining: 0, running: false, since: 0,
  set(clock) { this.remaining = clock.remaining; this.running = clock.running; this.since = performance.now(); },
  left() { return this.running ? this.remaining - (performance.now() - this.since) / 1000 : this.remaining; },
};

function drawClock() {
  const node = document.getElementById("clock");
  if (!node) return;
  const left = Clock.left();
  node.textContent = left > 0 ? clockText(left) : `Time is up (${clockText(left)} over)`;
  node.classList.toggle("late", left <= 0);
  node.classList.toggle("stopped", !Clock.running);
}
setInterval(drawClock, 500);

// One connection per page; it says who it is in its first message, and reconnects by
// itself (with the same hello) when the network or the server comes back.
function connect(hello, onView, onMessage) {
  let socket = null;
  let wait = 500;
  const state = document.getElementById("connection");
  function open() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    socket.addEventListener("open", () => {
      wait = 500;
      socket.send(JSON.stringify(hello()));
      if (state) { state.textContent = "connected"; state.className = "connection ok"; }
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "view") {
        Clock.set(message.view.clock);
        onView(message.view);
        drawClock();
      } else if (onMessage) {
        onMessage(message);
      }
    });
    socket.addEventListener("close", () => {
      if (state) { state.textContent = "reconnecting…"; state.className = "connection lost"; }
      setTimeout(open, wait);
      wait = Math.min(wait * 2, 8000);
    });
  }
  open();
  return { send(message) { if (socket && socket.readyState === 1) socket.send(JSON.stringify(message)); } };
}

function showError(text) {
  const node = document.getElementById("error");
  if (!node) return;
  node.textContent = text;
  node.hidden = !text;
}

function teamBadge(team) {
  return el("span", { class: "badge", style: `--team:${team.colour}` },
    el("span", { class: `shape ${team.shape}`, "aria-hidden": "true" }), team.name);
}

// SVG elements (the map); attributes as in el(), children appended in order.
function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A scenario without a map: a gauge of its front variable, with which end is good for this page.
function frontGauge(front, caption) {
  const span = front.max - front.min || 1;
  const share = Math.max(0, Math.min(1, (front.value - front.min) / span));
  const at = 20 + 960 * share;
  return el("figure", { class: "map gauge" },
    svg("svg", { viewBox: "0 0 1000 130", class: "gauge-svg", role: "img", "aria-label": `${caption}. ${front.good || ""}` },
      svg("rect", { x: 20, y: 30, width: 960, height: 46, class: "gauge-track" }),
      svg("rect", { x: 20, y: 30, width: 960 * share, height: 46, class: "gauge-fill" }),
      svg("line", { x1: at, y1: 14, x2: at, y2: 92, class: "gauge-mark" }),
      svg("text", { x: 20, y: 122, class: "gauge-end" }, String(front.min)),
      svg("text", { x: 980, y: 122, "text-anchor": "end", class: "gauge-end" }, String(front.max)),
      // where the year can end along the bar, as in the window
      (front.marks || []).map((m) => {
        const x = 20 + 960 * Math.max(0, Math.min(1, (m.value - front.min) / span));
        return svg("line", { x1: x, y1: 24, x2: x, y2: 82, class: "gauge-ending" });
      })),
    el("figcaption", {}, el("strong", {}, caption), front.good ? el("p", { class: "small" }, front.good) : null,
      (front.marks || []).length ? el("ul", { class: "legend" }, front.marks.map((m) => el("li", {}, m.text))) : null));
}

// The map of the front: the countries (the map's SVG, fetched once), the band behind the front
// hatched in the colour of the power holding it, the front line at the value this page knows,
// the cities, and a legend in words.
function frontMap(front, whose) {
  if (!front) return null;
  if (front.value === null) {  // hidden from this page: said, not drawn
    return el("figure", { class: "map gauge" },
      el("figcaption", {}, el("strong", {}, `${front.label}: not known to you`),
        front.good ? el("p", { class: "small" }, front.good) : null));
  }
  const caption = `${front.label}: ${Math.round(front.value)} (from ${front.min} to ${front.max})`;
  const shape = front.map;
  if (!shape) return frontGauge(front, caption);
  const points = (list) => list.map(([x, y]) => `${x},${y}`).join(" ");
  const label = (c) => svg("g", { class: c.behind ? "city behind" : "city" },
    svg("circle", { cx: c.at[0], cy: c.at[1], r: 8 }),
    svg("text", { x: c.label.x, y: c.label.y, "text-anchor": c.label.anchor }, c.name));
  const behind = shape.cities.filter((c) => c.behind).map((c) => c.name);
  const drawing = svg("svg", { viewBox: shape.view.join(" "), class: "map-svg", role: "img",
                               "aria-label": `${caption}. ${shape.like}` },
    svg("defs", {}, svg("pattern", { id: "hatch", width: 22, height: 22, patternUnits: "userSpaceOnUse",
                                     patternTransform: "rotate(45)" },
      svg("rect", { width: 22, height: 22, fill: shape.held }),
      svg("line", { x1: 0, y1: 0, x2: 0, y2: 22, stroke: shape.occupied, "stroke-width": 7 }))),
    svg("image", { href: shape.base, x: 0, y: 0, width: shape.width, height: shape.height }),
    svg("polygon", { points: points(shape.band), fill: "url(#hatch)", "fill-opacity": 0.75, stroke: "none" }),
    svg("polyline", { points: points(shape.border), class: "frontier" }),
    svg("polyline", { points: points(shape.line), class: "front-halo" }),
    svg("polyline", { points: points(shape.line), class: "front-line" }),
    shape.cities.map(label));
  return el("figure", { class: "map" }, drawing,
    el("figcaption", {}, el("strong", {}, caption),
      el("ul", { class: "legend" },
        el("li", {}, el("span", { class: "key key-front", "aria-hidden": "true" }), whose || "The front"),
        el("li", {}, el("span", { class: "key key-band", "aria-hidden": "true",
                                  style: `background: repeating-linear-gradient(45deg, ${shape.occupied} 0 4px, ${shape.held} 4px 9px)` }),
          `Hatched: ${shape.behind_words || "the land behind the front"}`),
        el("li", {}, el("span", { class: "key key-frontier", "aria-hidden": "true" }), `Dashed: ${shape.frontier}`),
        el("li", {}, el("span", { class: "key key-behind", "aria-hidden": "true" }),
          behind.length ? `Open dot: behind the front (${behind.join(", ")})` : "Open dot: a city behind the front")),
      shape.like ? el("span", { class: "small" }, `Nearest line in history: ${shape.like}`) : null));
}

function debriefBlock(debrief, pending) {
  if (!debrief) return pending ? el("p", { class: "lead", role: "status" }, "The debrief is being written…") : null;
  return el("section", { class: "debrief", "aria-labelledby": "debrief-title" },
    el("h2", { id: "debrief-title" }, "Debrief"),
    el("pre", { class: "debrief-text" }, debrief.lines.join("\n")),
    debrief.notes.length ? el("h3", {}, "The notes the teams sent") : null,
    el("ul", { class: "notes" }, debrief.notes.map((n) =>
      el("li", {}, el("strong", {}, `${n.month}, ${n.from} ${n.channel}: `), n.text))));
}

function statusLine(view) {
  const words = { waiting: "Waiting for the teacher to start", paused: "Paused by the teacher",
                  over: "The game is over", playing: "" };
  return words[view.status] || "";
}
