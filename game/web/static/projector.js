// The projector: public information only, large enough to read from the back of the room.
"use strict";

const room = location.pathname.split("/").pop();
connect(() => ({ type: "hello", role: "projector", room }), render);

function render(view) {
  fill("title", view.group ? `${view.title} · ${view.group}` : view.title);
  fill("month", `${view.month} · month ${view.turn} of ${view.months}`);
  fill("status", statusLine(view));
  fill("turn", view.status === "over" ? [] : view.deciding
    ? el("p", { class: "turn" }, "Deciding now: ", teamBadge(view.deciding),
      view.progress.budget ? ` · decision ${view.progress.asked} of at most ${view.progress.budget}` : "")
    : []);
  fill("calendar", el("ol", { class: "calendar", "aria-label": "Calendar" },
    view.calendar.map((m, i) => el("li", { class: i + 1 === view.turn ? "now" : i + 1 < view.turn ? "past" : "" },
      m.replace(/ (\d\d)(\d\d)$/, " ’$2")))));
  fill("map", view.front && view.front.value !== null ? frontMap(view.front) : []);
  fill("news", view.news.length ? [el("h2", {}, "News"), el("ul", { class: "news" },
    view.news.map((n) => el("li", {}, el("strong", {}, `${n.month}: `), n.title)))] : []);
  fill("revealed", view.revealed ? [el("h2", {}, "The whole state, revealed by the teacher"),
    el("table", { class: "state" }, el("tbody", {}, view.revealed.map((v) =>
      el("tr", {}, el("th", { scope: "row" }, v.label), el("td", { class: "num" }, `${Math.round(v.value)}${v.unit ? " " + v.unit : ""}`)))))] : []);
  fill("debrief", debriefBlock(view.debrief, view.debrief_pending) || []);
}
