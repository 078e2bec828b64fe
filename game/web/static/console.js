// The teacher's console: the controls of the lesson, every team's progress, the downloads.
"use strict";

const room = location.pathname.split("/").pop();
let key = sessionStorage.getItem(`console-key-${room}`) || "";
let pin = "";
let link = null;

function hello() { return { type: "hello", role: "console", room, key, pin }; }

function start() {
  link = connect(hello, render, (message) => {
    if (message.type === "welcome") {
      key = message.key;
      sessionStorage.setItem(`console-key-${room}`, key);
      document.getElementById("login").hidden = true;
      document.getElementById("desk").hidden = false;
      showError("");
    } else if (message.type === "error") {
      showError(message.message);
      if (message.fatal) {
        key = "";
        sessionStorage.removeItem(`console-key-${room}`);
        document.getElementById("login").hidden = false;
        document.getElementById("desk").hidden = true;
      }
    }
  });
}

document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  pin = document.getElementById("pin").value.trim();
  if (link) link.send(hello()); else start();
});
if (key) start();

const CONTROLS = [
  ["start", "Start"], ["pause", "Pause"], ["resume", "Resume"], ["add_time", "Add a minute"],
  ["skip", "Skip this decision (as in history)"], ["reveal", "Reveal to the room"], ["hide", "Hide again"],
  ["end", "End and debrief"],
];

function render(view) {
  fill("month", `${view.month} · month ${view.turn} of ${view.months}`);
  fill("status", `${view.status}${view.revealed ? " · revealed on the projector" : ""}`);
  section("group", { status: view.status, group: view.group }, groupForm);
  const enabled = CONTROLS.map(([name]) => allowed(view, name));
  section("controls", enabled, () => CONTROLS.map(([name, label], i) => el("button", {
    type: "button", id: `do-${name}`, disabled: !enabled[i],
    onclick: () => {
      if (name === "end" && !confirm("End the game now? The rest of the year is played as in history.")) return;
      const box = document.getElementById("group-name");
      link.send(name === "start" && box && box.value.trim() ? { type: "command", name, group: box.value } : { type: "command", name });
    },
  }, label)));
  fill("teams", el("h2", {}, "Teams"), el("table", { class: "state" },
    el("thead", {}, el("tr", {}, ["Team", "Browsers", "Decisions made", "Now"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, view.teams.map((t) => el("tr", {}, el("th", { scope: "row" }, teamBadge(t)),
      el("td", { class: "num" }, t.browsers), el("td", { class: "num" }, t.decided),
      el("td", {}, t.deciding ? "deciding" : ""))))),
    view.progress.budget ? el("p", {}, `Decision ${view.progress.asked} of at most ${view.progress.budget}.`) : null);
  fill("pending", view.card ? [el("h2", {}, "On the table"),
    el("p", {}, teamBadge(view.deciding), ` — ${view.card.title}`)] : []);
  const ready = view.status === "over";
  section("downloads", [ready, key], () => [el("h2", {}, "Downloads"), el("ul", {},
    [["worksheets.pdf", "Worksheets for the teams", true], ["debrief.pdf", "Debrief (PDF)", ready],
     ["class-report.pdf", "Class report (PDF)", ready], ["game-final.json", "The finished game (save)", ready]]
      .map(([name, label, on]) => el("li", {}, on
        ? el("a", { href: `/c/${room}/download/${name}?key=${encodeURIComponent(key)}`, download: name }, label)
        : el("span", { class: "small" }, `${label}: once the game is over`))))]);
  fill("state", el("h2", {}, "The whole state"), el("table", { class: "state" }, el("tbody", {},
    view.variables.map((v) => el("tr", {}, el("th", { scope: "row" }, v.label), el("td", { class: "num" }, v.value === null ? "" : Math.round(v.value)))))));
  fill("notes", view.notes.length ? [el("h2", {}, "Notes between teams"), el("ul", { class: "notes" },
    view.notes.map((n) => el("li", {}, el("strong", {}, `${n.month}, ${n.from} ${n.channel}: `), n.text)))] : []);
  fill("debrief", debriefBlock(view.debrief, view.debrief_pending) || []);
}

// Before the start, the name of the class or group playing (kept in the save, on the report).
function groupForm(data) {
  if (data.status !== "waiting") return data.group ? el("p", {}, el("strong", {}, "Group: "), data.group) : [];
  return el("p", { class: "reason" }, el("label", { for: "group-name" }, "Name of the group or class (sent with Start)"),
    el("input", { type: "text", id: "group-name", maxlength: 40, autocomplete: "off", value: data.group || "",
                  placeholder: "e.g. 9B, Tuesday" }));
}

function allowed(view, name) {
  const s = view.status;
  return { start: s === "waiting", pause: s === "playing", resume: s === "paused", add_time: s !== "over",
           skip: s !== "over" && Boolean(view.card), reveal: s !== "over" && !view.revealed,
           hide: s !== "over" && view.revealed, end: s !== "over" }[name];
}
