// A team's page: the card when the team decides, otherwise a task, the notes, the state.
"use strict";

const token = location.pathname.split("/").pop();
let current = null;

const link = connect(() => ({ type: "hello", role: "team", token }), render, (message) => {
  if (message.type === "error") showError(message.message);
  if (message.type === "why") showWhy(message.var, message.months);
});

function showWhy(variable, months) {
  const list = document.getElementById(`why-${variable}`);
  if (!list) return;
  list.replaceChildren(...(months.length ? months.map((m) => el("li", {}, `${m.month}: ${m.total > 0 ? "+" : ""}${m.total}`,
    el("ul", {}, m.causes.map((cause) => el("li", {}, `${cause.amount > 0 ? "+" : ""}${cause.amount} ${cause.label}`)))))
    : [el("li", {}, "Nothing has moved it in the last months.")]));
}

function send(message) { showError(""); link.send(message); }

function render(view) {
  current = view;
  const seat = view.seat;
  const ask = seat.request;
  document.title = `${view.team.title} — ${seat.month}`;
  section("who", { team: view.team, group: view.group }, (d) => [teamBadge(d.team),
    d.team.player ? el("span", { class: "small" }, ` (${d.team.player})`) : null,
    d.group ? el("span", { class: "small group" }, ` · ${d.group}`) : null]);
  fill("month", `${seat.month} · month ${seat.turn + 1} of ${seat.months_total}`);
  let status = statusLine(view);
  if (view.status === "playing") {
    status = ask ? "Your team decides now." : view.deciding ? `${view.deciding.title} is deciding.` : "";
  }
  fill("status", status);
  document.getElementById("status").classList.toggle("yours", Boolean(ask) && view.status === "playing");
  section("card", { ask, seq: view.seq, status: view.status, lesson: seat.lesson, sources: view.sources,
                    grades: view.grades }, card);
  section("last", seat.last && { ...seat.last, phrase: view.history_phrase }, lastDecision);
  section("task", view.task, (task) => task ? [el("h2", {}, task.title),
    el("p", { class: "small" }, `From the lesson plan · ${task.block}`),
    el("ol", { class: "task" }, task.steps.map((step) => el("li", {}, step))),
    el("p", { class: "small" }, "You can also write a note to another team below.")] : []);
  section("since", { items: seat.since, span: seat.change_span, orders: seat.orders, sources: view.sources }, since);
  section("map", view.front, (front) => front ? [el("h2", {}, "The front"), frontMap(front, "The front as your team knows it")] : []);
  section("state", { vars: seat.variables, span: seat.change_span }, stateTable);
  section("diplomacy", { channels: view.channels, notes: view.notes, status: view.status }, diplomacy);
  section("rolecard", view.role_card, roleCard);
  section("debrief", { debrief: view.debrief, pending: view.debrief_pending, ending: seat.ending }, (d) => [
    d.ending ? el("section", { class: "card" }, el("h2", {}, `The end (${d.ending.month}): ${d.ending.title}`),
      el("p", {}, d.ending.text)) : null,
    debriefBlock(d.debrief, d.pending)]);
  if (!drawn.glossary) { drawn.glossary = "loading"; loadGlossary(); }
}

function optionText(o) {
  return [el("strong", {}, o.label), o.hint ? el("span", { class: "hint" }, o.hint) : null];
}

function card(data) {
  const c = data.ask;
  if (!c) return [];
  const waiting = data.status !== "playing";
  const count = data.lesson ? el("p", { class: "small" }, `Decision ${data.lesson.asked} of at most ${data.lesson.budget}`) : null;
  if (c.kind === "standing") {
    const form = el("form", { class: "card", "data-seq": data.seq, "aria-labelledby": "card-title" },
      el("h2", { id: "card-title" }, `Your standing policies for ${c.month}`), count,
      el("p", { class: "small" }, "Keep each policy or change it, then confirm."),
      c.policies.map((p, pi) => el("fieldset", {},
        el("legend", {}, p.label),
        el("p", { class: "small" }, p.explain),
        p.options.filter((o) => o.available).map((o) => el("label", { class: "option" },
          el("input", { type: "radio", name: `p${pi}`, value: o.index, checked: o.index === p.current }),
          el("span", {}, optionText(o)))))),
      reasonField(),
      el("button", { type: "submit", class: "decide", disabled: waiting }, "Confirm our policies"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const choice = c.policies.map((p, pi) => Number(form.querySelector(`input[name=p${pi}]:checked`).value));
      send({ type: "answer", seq: data.seq, choice, reason: reasonText() });
    });
    return form;
  }
  return el("article", { class: "card", "data-seq": data.seq, "aria-labelledby": "card-title" },
    el("p", { class: "date" }, c.date), count,
    el("h2", { id: "card-title" }, c.title),
    el("p", { class: "evidence" }, `Evidence: ${c.evidence}`,
      c.notes.length ? ` · article notes ${c.notes.join(", ")}` : "",
      c.grade ? el("span", { class: "hint" }, c.grade) : null),
    noteSources(c.notes, data.sources),
    gradeKey(data.grades, c.evidence),
    el("p", {}, c.text),
    c.figures && c.figures.length ? el("ul", { class: "figures" },
      c.figures.map((f) => el("li", {}, el("strong", {}, `${f.label}: `), Math.round(f.value)))) : null,
    c.framing ? el("p", { class: "framing" }, c.framing) : null,
    el("h3", {}, "Your options"),
    reasonField(),
    el("ol", { class: "options" }, c.options.filter((o) => o.available).map((o) => el("li", {},
      el("button", { type: "button", class: "option-button", disabled: waiting,
                     onclick: () => send({ type: "answer", seq: data.seq, choice: o.index, reason: reasonText() }) },
        optionText(o))))));
}

// One line on why the team decides as it does: optional, sent with the answer, kept in the save.
function reasonField() {
  return el("p", { class: "reason" },
    el("label", { for: "reason" }, "Our reason, in one line (optional)"),
    el("input", { type: "text", id: "reason", maxlength: 280, autocomplete: "off",
                  placeholder: "We choose this because…" }));
}

function reasonText() {
  const box = document.getElementById("reason");
  return box ? box.value.trim() : "";
}

// The article's footnotes the card cites, each with its source line (the scenario's [[notes]]).
function noteSources(notes, sources) {
  const cited = (notes || []).filter((n) => sources && sources[n]);
  if (!cited.length) return null;
  return el("details", { class: "sources" }, el("summary", {}, "Where the notes come from"),
    el("ul", { class: "small" }, cited.map((n) => el("li", {}, el("strong", {}, `Note ${n}: `), sources[n]))));
}

// What each evidence grade means, the card's own grade first.
function gradeKey(grades, evidence) {
  const names = Object.keys(grades || {});
  if (!names.length) return null;
  names.sort((a, b) => (b === evidence) - (a === evidence));
  return el("details", { class: "grades" }, el("summary", {}, "What the evidence grades mean"),
    el("dl", { class: "small" }, names.flatMap((g) => [el("dt", { class: g === evidence ? "this" : "" }, g),
      el("dd", {}, grades[g])])));
}

function lastDecision(last) {
  if (!last) return [];
  return [el("h2", {}, `What your decision of ${last.month} did`),
    el("ul", { class: "since" }, last.decided.map((d) => el("li", {}, el("strong", {}, `${d.title}: ${d.option}`),
      d.outcome ? ` — ${d.outcome}` : "", d.in_1943 ? el("span", { class: "hint" }, `${last.phrase || "In history"}: ${d.in_1943}`) : null)),
      last.changes.map((c) => el("li", {}, `${c.label} ${c.amount > 0 ? "+" : ""}${Math.round(c.amount)}`)),
      last.chances.map((c) => el("li", {}, c)),
      last.reason ? el("li", {}, el("strong", {}, "Your reason: "), last.reason) : null)];
}

function since(data) {
  if (!data.items.length && !data.orders.length) return [];
  return [el("h2", {}, `What you heard ${data.span}`),
    el("ul", { class: "since" }, data.items.map((i) => el("li", {}, el("strong", {}, `${i.date}: `), i.headline,
      i.reason ? el("span", { class: "hint" }, `Why: ${i.reason}`) : null,
      i.notes && i.notes.length ? el("span", { class: "small" }, ` (notes ${i.notes.join(", ")}; ${i.evidence})`) : null,
      i.framing ? el("span", { class: "hint" }, i.framing) : null))),
    noteSources([...new Set(data.items.flatMap((i) => i.notes || []))].sort((a, b) => a - b), data.sources),
    data.orders.length ? [el("h3", {}, "What you know of the others' standing orders"),
      el("ul", { class: "since" }, data.orders.map((o) => el("li", {}, `${o.power_name} — ${o.label}: ${o.option}`,
        o.changed ? " (changed)" : "")))] : null];
}

function stateTable(data) {
  const rows = data.vars.map((v) => {
    // the difference of the two whole numbers a player reads, as the window and the terminal count it
    const change = v.change === null || v.value === null ? 0 : Math.round(v.value) - Math.round(v.value - v.change);
    const trend = change > 0 ? `▲ +${change}` : change < 0 ? `▼ ${change}` : "·";
    const value = v.value === null ? null : Math.round(v.value);
    const why = value === null ? "" : el("details", {
      ontoggle: (event) => { if (event.target.open) send({ type: "why", var: v.id }); },
    }, el("summary", {}, "why?"), el("ul", { class: "why", id: `why-${v.id}` }, el("li", {}, "…")));
    return el("tr", {},
      el("th", { scope: "row", title: v.description }, v.label),
      el("td", { class: "num" }, value === null ? "not known to you" : `${value}${v.unit ? " " + v.unit : ""}`,
        value === null ? null : el("span", { class: "trend" }, ` ${trend}`)),
      el("td", {}, why));
  });
  return [el("h2", {}, "What your team knows"),
    el("p", { class: "small" }, `▲▼: the change ${data.span}.`),
    el("div", { class: "table-wrap" }, el("table", { class: "state" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Number"), el("th", { scope: "col" }, "Now"),
        el("th", { scope: "col" }, "Why"))),
      el("tbody", {}, rows)))];
}

function diplomacy(data) {
  if (!data.channels.length) return [];
  const open = data.status === "playing" || data.status === "paused";
  return [el("h2", {}, "Notes to other teams"),
    data.channels.map((ch) => {
      const box = el("textarea", { id: `note-${ch.id}`, maxlength: 600, rows: 3, "aria-label": `Note ${ch.label}` });
      const form = el("form", { class: "note-form" },
        el("h3", {}, `To ${ch.to.join(" and ")}, ${ch.label}`),
        el("p", { class: "small" }, ch.text),
        box,
        el("button", { type: "submit", disabled: !open || ch.left < 1 }, `Send (${ch.left} left this month)`));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (!box.value.trim()) return;
        send({ type: "note", channel: ch.id, text: box.value });
        box.value = "";
      });
      return form;
    }),
    data.notes.length ? el("h3", {}, "Notes sent and received") : null,
    el("ul", { class: "notes" }, data.notes.map((n) => el("li", {}, el("strong", {}, `${n.month}, ${n.from} ${n.channel}: `), n.text)))];
}

function roleCard(card) {
  return el("details", {}, el("summary", {}, "Your role card"),
    el("p", {}, el("strong", {}, "You want: "), card.aims),
    el("p", {}, el("strong", {}, "You fear: "), card.fears),
    el("p", {}, el("strong", {}, "You know: "), card.knows));
}

async function loadGlossary() {
  try {
    const response = await fetch(`/api/glossary?token=${encodeURIComponent(token)}`);
    if (!response.ok) return;
    const entries = await response.json();
    const filter = el("input", { type: "search", id: "glossary-filter", "aria-label": "Look up a name" });
    const list = el("dl", { class: "glossary" });
    const show = () => {
      const word = filter.value.trim().toLowerCase();
      list.replaceChildren(...entries.filter((e) => !word || e.term.toLowerCase().includes(word)).slice(0, 30)
        .flatMap((e) => [el("dt", {}, e.term), el("dd", {}, e.text)]));
    };
    filter.addEventListener("input", show);
    show();
    fill("glossary", el("details", {}, el("summary", {}, "Glossary: who or what is it?"), filter, list));
  } catch (error) { drawn.glossary = ""; }
}
