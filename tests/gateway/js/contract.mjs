// supabase-js from npm against the running gateway (fixture schema gw): each check prints one JSON
// line {name, ok, error?}; the exit status is 1 when any check failed. Environment: GW_URL, GW_KEY
// (a service_role JWT). Node 20 has no WebSocket of its own: `ws` is the realtime transport.
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import assert from "node:assert/strict";

const sb = createClient(process.env.GW_URL, process.env.GW_KEY, {
  db: { schema: "gw" },
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: ws },
});

const checks = {
  async "select with filters, order, range and exact count"() {
    const { data, count, error } = await sb.from("books").select("id,title", { count: "exact" })
      .eq("author_id", 1).order("id", { ascending: false }).range(0, 1);
    assert.equal(error, null);
    assert.deepEqual(data, [{ id: 3, title: "The Dispossessed" }, { id: 2, title: "The Left Hand of Darkness" }]);
    assert.equal(count, 3);
    const res = await sb.from("books").select("id").in("id", [4, 5, 6]).ilike("title", "%o%").order("id");
    assert.deepEqual(res.data, [{ id: 5 }, { id: 6 }]);
    const one = await sb.from("books").select("title").eq("id", 6).single();
    assert.deepEqual(one.data, { title: "Solaris" });
  },
  async "embedding, through a view and one-to-one"() {
    const { data, error } = await sb.from("books").select("title, authors(name)").eq("id", 4);
    assert.equal(error, null);
    assert.deepEqual(data, [{ title: "Kindred", authors: { name: "Octavia Butler" } }]);
    const view = await sb.from("clients").select("name, projects(name)").eq("id", 2).order("name", { referencedTable: "projects" });
    assert.deepEqual(view.data, [{ name: "Apple", projects: [{ name: "IOS" }, { name: "OSX" }] }]);
    const o2o = await sb.from("authors").select("name, author_profiles(bio)").eq("id", 1).single();
    assert.deepEqual(o2o.data, { name: "Ursula Le Guin", author_profiles: { bio: "Wrote Earthsea" } });
  },
  async "insert, upsert, update and delete with returning"() {
    try {
      const ins = await sb.from("items").insert([{ id: 7101, label: "js one", qty: 1 }]).select();
      assert.equal(ins.status, 201);
      assert.deepEqual(ins.data, [{ id: 7101, label: "js one", qty: 1 }]);
      const up = await sb.from("items").upsert({ id: 7101, label: "js one", qty: 5 }).select("qty");
      assert.deepEqual(up.data, [{ qty: 5 }]);
      const upd = await sb.from("items").update({ qty: 6 }).eq("id", 7101).select("id,qty");
      assert.deepEqual(upd.data, [{ id: 7101, qty: 6 }]);
      const del = await sb.from("items").delete().eq("id", 7101).select("id");
      assert.deepEqual(del.data, [{ id: 7101 }]);
    } finally {
      await sb.from("items").delete().eq("id", 7101);
    }
  },
  async "rpc: scalar, set-returning with filters, GET"() {
    const add = await sb.rpc("add", { a: 2, b: 3 });
    assert.equal(add.error, null);
    assert.equal(add.data, 5);
    const pairs = await sb.rpc("pairs", { n: 3 }).gt("x", 1).order("x", { ascending: false });
    assert.deepEqual(pairs.data, [{ x: 3, label: "n3" }, { x: 2, label: "n2" }]);
    const get = await sb.rpc("numbers", { n: 2 }, { get: true });
    assert.deepEqual(get.data, [1, 2]);
  },
  async "error objects as PostgREST words them"() {
    const missing = await sb.from("no_such_table").select();
    assert.equal(missing.status, 404);
    assert.equal(missing.error.code, "PGRST205");
    const ambiguous = await sb.from("books").select("id, loans(id)");
    assert.equal(ambiguous.status, 300);
    assert.equal(ambiguous.error.code, "PGRST201");
    assert.ok(Array.isArray(ambiguous.error.details) || typeof ambiguous.error.details === "string");
    const bad = await sb.from("items").insert({ id: 7102, label: "x", qty: -1 });
    assert.equal(bad.status, 400);
    assert.equal(bad.error.code, "23514");
  },
  async "aggregates: rel(count), an embed beside count(), rpc count"() {
    const counted = await sb.from("authors").select("name, books(count)").eq("id", 2).single();
    assert.equal(counted.error, null);
    assert.deepEqual(counted.data, { name: "Octavia Butler", books: [{ count: 2 }] });
    const grouped = await sb.from("authors").select("id.count(), books(year)").eq("id", 2);
    assert.deepEqual(grouped.data, [{ count: 1, books: [{ year: 1979 }, { year: 1993 }] }]);
    const rpc = await sb.rpc("add", { a: 2, b: 3 }, { count: "exact" });
    assert.equal(rpc.data, 5);
    assert.equal(rpc.count, 1);
    const head = await sb.rpc("add", { a: 2, b: 3 }, { head: true, count: "exact" });
    assert.equal(head.data, null);
    assert.equal(head.count, 1);
  },
  async "single, maybeSingle, csv and another schema"() {
    const none = await sb.from("books").select("id").eq("id", -1).maybeSingle();
    assert.equal(none.error, null);
    assert.equal(none.data, null);
    const many = await sb.from("books").select("id").maybeSingle();
    assert.equal(many.status, 406);
    assert.equal(many.error.code, "PGRST116");
    const one = await sb.from("books").select("id").single();
    assert.equal(one.error.code, "PGRST116");
    assert.match(one.error.details, /^The result contains \d+ rows$/);
    const csv = await sb.from("books").select("id,title").in("id", [4, 6]).order("id").csv();
    assert.equal(csv.data, "id,title\n4,Kindred\n6,Solaris");
    const other = await sb.schema("gw_other").from("things").select("*");
    assert.equal(other.error, null);
    assert.deepEqual(other.data, [{ id: 1, name: "other thing" }]);
  },
  async "explain as text"() {
    const { data, error } = await sb.from("books").select("id").eq("id", 1).explain({ analyze: true });
    assert.equal(error, null);
    assert.match(String(data), /actual time=/);
  },
  // gwclients: behaviours postgrest-js's own suite exercises (rollback, single on writes, to-many spread).
  async "rollback returns the rows and keeps none"() {
    const ins = await sb.from("items").insert({ id: 7301, label: "js rolled back", qty: 1 }).select("id, label").rollback().single();
    assert.equal(ins.error, null);
    assert.deepEqual(ins.data, { id: 7301, label: "js rolled back" });
    const after = await sb.from("items").select("id").eq("id", 7301);
    assert.deepEqual(after.data, []);
  },
  async "single on a two-row write is PGRST116 and writes nothing"() {
    const res = await sb.from("items").insert([{ id: 7302, label: "a", qty: 1 }, { id: 7303, label: "b", qty: 1 }])
      .select().single();
    assert.equal(res.status, 406);
    assert.equal(res.error.code, "PGRST116");
    assert.equal(res.error.details, "The result contains 2 rows");
    const after = await sb.from("items").select("id").in("id", [7302, 7303]);
    assert.deepEqual(after.data, []);
  },
  async "spread over a to-many relationship gives arrays"() {
    const { data, error } = await sb.from("authors").select("name, ...books(title)").eq("id", 2)
      .order("id", { referencedTable: "books" }).single();
    assert.equal(error, null);
    assert.deepEqual(data, { name: "Octavia Butler", title: ["Kindred", "Parable of the Sower"] });
  },
};

let failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    console.log(JSON.stringify({ name, ok: true }));
  } catch (e) {
    failed += 1;
    console.log(JSON.stringify({ name, ok: false, error: String(e && e.stack || e) }));
  }
}
process.exit(failed ? 1 : 0);
