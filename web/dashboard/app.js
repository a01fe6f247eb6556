// The client dashboard: a thin page over the API with supabase-js (served from /vendor, installed
// from npm). The database decides everything (RLS, the RPCs' rules, the growth brain); this page
// only reads rows and calls RPCs. Every value is put in the page with textContent (never innerHTML).
// The session's JWT is kept in sessionStorage (this tab only, sent as a header, never a cookie).
import { TEXT } from "./i18n.js";
import { barChart } from "./charts.js";

const PAGE_SIZE = 25;
const POLL_MS = 4000;
const SESSION_KEY = "avenir.session";
const LEAD_COLUMNS = "id,name,email,intent,urgency,tone,current_tag,language,archived,deleted,created_at";
const $ = (id) => document.getElementById(id);

const state = {
  lang: sessionStorage.getItem("avenir.lang") ?? ((navigator.language || "en").slice(0, 2) === "fr" ? "fr" : "en"),
  token: sessionStorage.getItem(SESSION_KEY),
  config: null, anon: null, db: null,
  labels: { urgency: {}, tone: {}, tag: {}, intent: {} }, vocab: { urgency: [], tone: [], tag: [], intent: [] },
  cursors: [null], page: 0, newest: null, lead: null, client: null, pollTimer: null
};
// What the page shows, for people and for tests: the lead list and the charts' data.
const model = { leads: [], growth: null, journal: [] };
window.avenirDashboard = { model, state: () => ({ lang: state.lang, page: state.page }) };

const t = (key) => TEXT[state.lang][key] ?? TEXT.en[key] ?? key;
const label = (context, value) =>
  value == null ? "" : state.lang === "fr" ? state.labels[context][value] ?? value : value;

function el(tag, attrs = {}, text) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text != null) n.textContent = String(text);
  return n;
}

function errorText(error) {
  return [error.message, error.hint].filter(Boolean).join(" — ");
}

function notice(text) { $("notice").textContent = text; }

// ---------- start, login, language ----------
async function start() {
  state.config = await (await fetch("config.json")).json();
  const opts = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
  state.anon = window.supabase.createClient(state.config.apiUrl, state.config.anonKey, opts);
  $("ui-lang").value = state.lang;
  $("ui-lang").addEventListener("change", async (e) => { state.lang = e.target.value; await render(); });
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", logout);
  wire();
  translatePage();
  if (state.token) await enter();
}

async function login(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  const { data, error } = await state.anon.rpc("login", {
    email: $("login-email").value, password: $("login-password").value });
  if (error) { $("login-error").textContent = errorText(error); return; }
  state.token = data.access_token;
  sessionStorage.setItem(SESSION_KEY, state.token);
  $("login-password").value = "";
  await enter();
}

function logout() {
  sessionStorage.removeItem(SESSION_KEY);
  state.token = null;
  clearInterval(state.pollTimer);
  location.reload();
}

async function enter() {
  // supabase-js sends this token as Authorization: Bearer on every request (third-party auth).
  state.db = window.supabase.createClient(state.config.apiUrl, state.config.anonKey,
                                          { accessToken: async () => state.token });
  const { data: client, error } = await state.db.from("clients")
    .select("business_name,language,api_key_prefix,form_key,form_origins").single();
  if (error) { sessionStorage.removeItem(SESSION_KEY); $("login-error").textContent = errorText(error); return; }
  state.client = client;
  if (!sessionStorage.getItem("avenir.lang")) state.lang = client.language;
  await loadVocabulary();
  $("login-view").hidden = true;
  $("app-view").hidden = false;
  $("logout").hidden = false;
  await render();
  // Time to the first rendered lead list, from navigation start (bench/web reads it).
  window.avenirDashboard.firstRender ??= performance.now();
  state.pollTimer = setInterval(poll, POLL_MS);
}

async function loadVocabulary() {
  const [dict, intents] = await Promise.all([
    state.db.from("translation_dictionary").select("source_text,translated_text,context")
      .in("context", ["urgency", "tone", "tag"]).eq("source_language", "en").eq("target_language", "fr"),
    state.db.from("intent_translations").select("intent_en,intent_fr").order("intent_en")]);
  for (const row of dict.data ?? []) {
    state.labels[row.context][row.source_text] = row.translated_text;
    state.vocab[row.context].push(row.source_text);
  }
  for (const row of intents.data ?? []) {
    state.labels.intent[row.intent_en] = row.intent_fr;
    state.vocab.intent.push(row.intent_en);
  }
}

function translatePage() {
  document.documentElement.lang = state.lang;
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
}

async function render() {
  sessionStorage.setItem("avenir.lang", state.lang);
  $("ui-lang").value = state.lang;
  translatePage();
  fillFilters();
  await loadLeads();
  if (state.lead) await openLead(state.lead.id);
  if (!$("growth-tab").hidden) await loadGrowth();
  renderSettings();
}

// ---------- leads: filters, keyset pages, polling ----------
function options(select, context, { blank = t("any"), keep = true } = {}) {
  const before = select.value;
  select.replaceChildren(el("option", { value: "" }, blank));
  for (const v of state.vocab[context] ?? []) select.appendChild(el("option", { value: v }, label(context, v)));
  if (keep) select.value = before;
}

function fillFilters() {
  options($("f-intent"), "intent");
  options($("f-urgency"), "urgency");
  options($("f-tag"), "tag");
  const langSel = $("f-language"), before = langSel.value;
  langSel.replaceChildren(el("option", { value: "" }, t("any")), el("option", { value: "en" }, "English"),
                          el("option", { value: "fr" }, "Français"));
  langSel.value = before;
  options($("d-tag"), "tag", { blank: t("none") });
  options($("c-intent"), "intent", { blank: "—" });
  options($("c-tone"), "tone", { blank: "—" });
  options($("c-urgency"), "urgency", { blank: "—" });
}

function quoted(text) {
  // A PostgREST filter value in double quotes: commas and parentheses stay literal.
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function leadQuery() {
  // Newest first on the (client_id, created_at desc) index; a page starts below the last one seen.
  let q = state.db.from("lead_memory").select(LEAD_COLUMNS).order("created_at", { ascending: false })
    .limit(PAGE_SIZE + 1);
  if (!$("f-archived").checked) q = q.eq("archived", false).eq("deleted", false);
  for (const [id, column] of [["f-intent", "intent"], ["f-urgency", "urgency"], ["f-tag", "current_tag"],
                              ["f-language", "language"]]) {
    if ($(id).value) q = q.eq(column, $(id).value);
  }
  const search = $("f-search").value.trim();
  if (search) {
    const v = quoted(`*${search}*`);
    q = q.or(`name.ilike.${v},email.ilike.${v},message.ilike.${v}`);
  }
  const cursor = state.cursors[state.page];
  if (cursor) q = q.lt("created_at", cursor);
  return q;
}

async function loadLeads() {
  const { data, error } = await leadQuery();
  if (error) { notice(errorText(error)); return; }
  const more = data.length > PAGE_SIZE;
  const rows = data.slice(0, PAGE_SIZE);
  model.leads = rows;
  if (state.page === 0 && rows.length && (!state.newest || rows[0].created_at > state.newest)) {
    state.newest = rows[0].created_at;
  }
  state.cursors[state.page + 1] = more ? rows[rows.length - 1].created_at : undefined;
  const body = $("leads-body");
  body.replaceChildren();
  if (!rows.length) body.appendChild(el("tr", {}, "")).appendChild(el("td", { colspan: "7" }, t("no_leads")));
  for (const lead of rows) {
    const tr = el("tr", { "data-lead-id": lead.id });
    const open = el("button", { type: "button", class: "link" }, lead.name ?? "—");
    open.addEventListener("click", () => openLead(lead.id));
    tr.appendChild(el("td")).appendChild(open);
    const flags = [lead.archived ? t("archived") : null, lead.deleted ? t("deleted") : null].filter(Boolean);
    tr.appendChild(el("td", {}, lead.email ?? ""));
    tr.appendChild(el("td", {}, label("intent", lead.intent)));
    tr.appendChild(el("td", {}, label("urgency", lead.urgency)));
    tr.appendChild(el("td", {}, label("tone", lead.tone)));
    tr.appendChild(el("td", { class: "tag" }, [label("tag", lead.current_tag), ...flags].filter(Boolean).join(" · ")));
    tr.appendChild(el("td", {}, new Date(lead.created_at).toLocaleString(state.lang)));
    body.appendChild(tr);
  }
  $("page-label").textContent = `${t("page")} ${state.page + 1}`;
  $("prev-page").disabled = state.page === 0;
  $("next-page").disabled = !more;
}

async function poll() {
  if (!state.newest) return loadLeads();
  // New leads without a reload: one small indexed read of the leads newer than the newest shown.
  const { data, error } = await state.db.from("lead_memory").select("id").gt("created_at", state.newest).limit(50);
  if (error || !data.length) return;
  notice(`${data.length} ${t("new_leads")}`);
  if (state.page === 0) await loadLeads();
}

// ---------- a lead: detail, journal, notes, lifecycle, corrections ----------
async function openLead(id) {
  const [{ data: lead, error }, journal] = await Promise.all([
    state.db.from("lead_memory").select("*").eq("id", id).single(),
    state.db.from("lead_journal").select("entry_id,entry_type,action,tag,conversion_outcome,reversion_reason,note,occurred_at")
      .eq("lead_id", id).order("occurred_at")]);
  if (error) { notice(errorText(error)); return; }
  state.lead = lead;
  model.journal = journal.data ?? [];
  $("lead-detail").hidden = false;
  $("lead-detail").dataset.leadId = id;
  $("detail-title").textContent = lead.name ?? "—";
  $("detail-meta").textContent = [lead.email, label("intent", lead.intent), label("urgency", lead.urgency),
    label("tone", lead.tone), label("tag", lead.current_tag), lead.archived ? t("archived") : "",
    lead.deleted ? t("deleted") : ""].filter(Boolean).join(" · ");
  $("detail-message").textContent = lead.message ?? "";
  $("detail-summary").textContent = lead.ai_summary ?? "";
  $("d-tag").value = lead.current_tag ?? "";
  $("detail-error").textContent = "";
  const list = $("journal");
  list.replaceChildren();
  for (const entry of model.journal) {
    const li = el("li", { "data-entry-type": entry.entry_type, "data-action": entry.action });
    const when = new Date(entry.occurred_at).toLocaleString(state.lang);
    if (entry.entry_type === "note") {
      const box = el("details", { class: "note", "data-note-id": entry.entry_id });
      box.appendChild(el("summary", {}, `${when} — ${entry.note.slice(0, 60)}${entry.note.length > 60 ? "…" : ""}`));
      box.appendChild(el("p", { class: "note-text" }, entry.note));
      const edit = el("button", { type: "button", class: "note-edit" }, t("edit"));
      edit.addEventListener("click", () => editNote(entry));
      const remove = el("button", { type: "button", class: "note-delete" }, t("remove"));
      remove.addEventListener("click", () => act("delete_lead_note", { note_id: entry.entry_id }));
      box.append(edit, remove);
      li.appendChild(box);
    } else {
      const words = [when, t(`action_${entry.action}`), label("tag", entry.tag)];
      if (entry.reversion_reason) words.push(t("converted_reason") + entry.reversion_reason);
      li.textContent = words.filter(Boolean).join(" — ");
    }
    list.appendChild(li);
  }
}

function editNote(entry) {
  const box = document.querySelector(`[data-note-id="${entry.entry_id}"]`);
  const area = el("textarea", { class: "note-editor", rows: "3", maxlength: "5000" });
  area.value = entry.note;
  const save = el("button", { type: "button", class: "note-save" }, t("save"));
  save.addEventListener("click", () => act("update_lead_note", { note_id: entry.entry_id, note: area.value }));
  box.append(area, save);
  area.focus();
}

// One RPC on the open lead, then the lead, the list and its journal again.
async function act(fn, args) {
  $("detail-error").textContent = "";
  const { error } = await state.db.rpc(fn, args);
  if (error) {
    $("detail-error").textContent = errorText(error);
    // Re-tagging a converted lead needs the reason the database asks for.
    if (fn === "tag_lead" && /reversion_reason/.test(error.hint ?? "")) { $("reason-row").hidden = false; $("d-reason").focus(); }
    return false;
  }
  $("reason-row").hidden = true;
  $("d-reason").value = "";
  await openLead(state.lead.id);
  await loadLeads();
  return true;
}

function tagLead(tag) {
  const reason = $("d-reason").value.trim();
  return act("tag_lead", { lead_id: state.lead.id, tag: tag || null, ...(reason ? { reversion_reason: reason } : {}) });
}

// ---------- growth brain ----------
async function loadGrowth() {
  const { data: g, error } = await state.db.from("growth_brain").select("*").maybeSingle();
  if (error) { notice(errorText(error)); return; }
  const box = $("insights");
  box.replaceChildren();
  if (!g) { box.appendChild(el("p", {}, t("no_analysis"))); model.growth = null; return; }
  const ud = g.urgency_distribution ?? {};
  model.growth = {
    total_leads: g.total_leads,
    urgency: ["High", "Medium", "Low"].map((u) => ({ key: u, label: label("urgency", u), value: ud[u.toLowerCase()] ?? 0 })),
    intents: (g.top_intents ?? []).map((i) => ({ key: i.intent, label: state.lang === "fr" ? i.intent_fr ?? i.intent : i.intent,
                                                 value: i.count })),
    tones: (g.tone_distribution ?? []).map((x) => ({ key: x.tone, label: label("tone", x.tone), value: x.count })),
    weeks: (g.confidence_trajectory ?? []).map((p) => ({ key: p.week_end, label: new Date(p.week_end).toLocaleDateString(state.lang),
                                                         value: p.n })),
    languages: [{ key: "en", label: "English", value: Number(g.language_ratio?.en ?? 0) },
                { key: "fr", label: "Français", value: Number(g.language_ratio?.fr ?? 0) }],
    trend_points: g.urgency_trend_percentage
  };
  $("growth-meta").textContent = `${t("analyzed")} ${new Date(g.analyzed_at).toLocaleString(state.lang)} · ` +
    `${g.total_leads} ${t("leads_count")}`;
  const insights = g.predictive_insights?.[state.lang] ?? {};
  box.appendChild(el("p", { class: "summary" }, insights.summary ?? ""));
  const ul = el("ul");
  for (const r of insights.recommendations ?? []) ul.appendChild(el("li", {}, r.text));
  box.appendChild(ul);
  const figures = [[t("engagement"), g.engagement_score], [t("sentiment"), g.tone_sentiment_score],
                   [t("confidence"), g.avg_confidence],
                   [t("trend"), g.urgency_trend_percentage == null ? "—" : `${g.urgency_trend_percentage} ${t("points")}`]];
  const dl = el("dl", { class: "figures" });
  for (const [k, v] of figures) dl.append(el("dt", {}, k), el("dd", {}, v ?? "—"));
  box.appendChild(dl);
  barChart($("chart-urgency"), model.growth.urgency, { title: t("chart_urgency") });
  barChart($("chart-intents"), model.growth.intents, { title: t("chart_intents") });
  barChart($("chart-tones"), model.growth.tones, { title: t("chart_tones") });
  barChart($("chart-weeks"), model.growth.weeks, { title: t("chart_weeks") });
  barChart($("chart-languages"), model.growth.languages, { unit: " %", title: t("chart_languages") });
}

// ---------- settings: form key, allowed sites, API key ----------
function renderSettings() {
  if (!state.client) return;
  $("form-key").textContent = state.client.form_key ?? "—";
  $("form-origins").value = (state.client.form_origins ?? []).join("\n");
  $("api-key-prefix").textContent = state.client.api_key_prefix;
}

async function settingsCall(fn, args, then) {
  $("settings-error").textContent = "";
  const { data, error } = await state.db.rpc(fn, args);
  if (error) { $("settings-error").textContent = errorText(error); return; }
  then(data);
  renderSettings();
  notice(t("saved"));
}

// ---------- wiring ----------
function wire() {
  for (const b of document.querySelectorAll("[data-tab]")) {
    b.addEventListener("click", async () => {
      for (const other of document.querySelectorAll("[data-tab]")) other.setAttribute("aria-pressed", String(other === b));
      for (const name of ["leads", "growth", "settings"]) $(`${name}-tab`).hidden = name !== b.dataset.tab;
      if (b.dataset.tab === "growth") await loadGrowth();
    });
  }
  $("filters").addEventListener("submit", async (e) => { e.preventDefault(); state.page = 0; state.cursors = [null]; await loadLeads(); });
  $("next-page").addEventListener("click", async () => { state.page += 1; await loadLeads(); });
  $("prev-page").addEventListener("click", async () => { state.page = Math.max(0, state.page - 1); await loadLeads(); });
  $("d-tag-apply").addEventListener("click", () => tagLead($("d-tag").value));
  $("d-convert").addEventListener("click", () => tagLead("Converted"));
  $("d-archive").addEventListener("click", () => act("archive_lead", { lead_id: state.lead.id }));
  $("d-delete").addEventListener("click", () => act("delete_lead", { lead_id: state.lead.id }));
  $("d-reactivate").addEventListener("click", () => act("reactivate_lead", { lead_id: state.lead.id }));
  $("c-apply").addEventListener("click", () => {
    const args = { lead_id: state.lead.id };
    for (const k of ["intent", "tone", "urgency"]) if ($(`c-${k}`).value) args[k] = $(`c-${k}`).value;
    return act("correct_lead_analysis", args);
  });
  $("note-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await act("add_lead_note", { lead_id: state.lead.id, note: $("note-text").value })) $("note-text").value = "";
  });
  $("refresh-growth").addEventListener("click", async () => {
    const { error } = await state.db.rpc("refresh_growth_brain", {});
    if (error) notice(errorText(error));
    await loadGrowth();
  });
  $("rotate-form-key").addEventListener("click", () =>
    settingsCall("rotate_form_key", {}, (d) => { state.client.form_key = d.form_key; }));
  $("save-origins").addEventListener("click", () =>
    settingsCall("set_form_origins", { origins: $("form-origins").value.split("\n") },
                 (d) => { state.client.form_origins = d.form_origins; }));
  $("rotate-api-key").addEventListener("click", () =>
    settingsCall("rotate_api_key", {}, (d) => {
      state.client.api_key_prefix = d.api_key_prefix;
      const once = $("new-api-key");
      once.hidden = false;
      once.textContent = t("api_key_once") + d.api_key;  // shown once: not kept anywhere
    }));
}

window.addEventListener("DOMContentLoaded", start);
