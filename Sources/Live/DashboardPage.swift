import Verticals

/// The control server's dashboard (`GET /`): the topology drawing with the live faults on it,
/// each vertical's state, the faults in force with buttons to lift them and a form to inject one,
/// requests per surface and vertical, the sync backlog and propagation per link, recent
/// failovers. It refreshes itself every second from `/api/state` and `/api/topology.svg`. One
/// self-contained document.
enum DashboardPage {
    static func html(_ ready: ReadyInfo) -> String {
        let verticals = JSONValue.array(ready.verticals.map { .string($0.id) }).serialized()
        let kinds = JSONValue.array(LiveFaultRequest.supportedKinds.map { .string($0.rawValue) }).serialized()
        let links = ready.verticals.map { "<a href=\"\($0.url)/?footer=1\">\($0.id)</a>" }.joined(separator: " · ")
        let edge = ready.edge.map { "<a href=\"\($0)/?footer=1\">edge</a> · " } ?? ""
        return head + """
            <header><h1>Glassbreak live</h1><span>\(edge)\(links) · data \(Self.escape(ready.data))</span>
            <span id="clock"></span></header>
            <main>
            <section class="wide"><h2>Topology</h2><div id="topology"></div></section>
            <section><h2>Verticals</h2><table id="verticals"></table><h2>Edge health</h2><div id="edge"></div></section>
            <section><h2>Faults in force</h2><table id="faults"></table>
              <h2>Inject</h2>
              <form id="inject">
                <select id="f-kind"></select> <select id="f-target"></select>
                <select id="f-peer"></select>
                <input id="f-for" placeholder="for, e.g. 30s"> <input id="f-rate" placeholder="rate 0..1">
                <input id="f-latency" placeholder="latency, e.g. 300ms">
                <button>Inject</button> <button type="button" id="lift-all" class="quiet">Lift all</button>
              </form><div id="f-msg"></div></section>
            <section><h2>Requests</h2><table id="requests"></table></section>
            <section><h2>Sync by link</h2><table id="links"></table></section>
            <section class="wide"><h2>Recent failovers</h2><table id="failovers"></table><div id="problems"></div></section>
            </main>
            <script>
            const VERTICALS = \(verticals), KINDS = \(kinds);
            const LINK_KINDS = ["partition", "link-latency", "message-loss"];
            const $ = (id) => document.getElementById(id);
            const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
            const row = (cells, tag) => "<tr>" + cells.map((c) => "<" + (tag || "td") + ">" + c + "</" + (tag || "td") + ">").join("") + "</tr>";
            for (const k of KINDS) $("f-kind").add(new Option(k, k));
            for (const v of VERTICALS) { $("f-target").add(new Option(v, v)); $("f-peer").add(new Option(v, v)); }
            $("f-peer").selectedIndex = Math.min(1, VERTICALS.length - 1);
            function duration(text) {
              const m = /^([0-9.]+)(ms|s|m|h)$/.exec(text.trim());
              if (!m) return null;
              return Math.round(parseFloat(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]]);
            }
            $("inject").onsubmit = async (e) => {
              e.preventDefault();
              const kind = $("f-kind").value, body = { kind };
              if (LINK_KINDS.includes(kind)) body.between = [$("f-target").value, $("f-peer").value];
              else body.target = $("f-target").value;
              if ($("f-for").value) body.for_ms = duration($("f-for").value);
              if ($("f-rate").value) body.rate = parseFloat($("f-rate").value);
              if ($("f-latency").value) body.latency_ms = duration($("f-latency").value);
              const r = await fetch("/api/faults", { method: "POST", body: JSON.stringify(body) });
              const data = await r.json();
              $("f-msg").textContent = r.ok ? "started #" + data.fault.id : data.error;
              refresh();
            };
            async function lift(id) { await fetch("/api/faults/" + id, { method: "DELETE" }); refresh(); }
            $("lift-all").onclick = async () => { await fetch("/api/faults", { method: "DELETE" }); refresh(); };
            async function refresh() {
              try {
                const s = await (await fetch("/api/state")).json();
                let h = row(["vertical", "state", "served", "backlog"], "th");
                for (const [id, v] of Object.entries(s.verticals)) {
                  const bad = [];
                  if (!v.listening) bad.push(v.crashed ? "crashed" : "unreachable");
                  if (v.compute_down) bad.push("compute down");
                  if (v.database_down) bad.push("database down");
                  if (v.bucket_down) bad.push("bucket down");
                  if (v.brownout_rate > 0) bad.push("brownout " + v.brownout_rate);
                  const state = bad.length ? "<b class=bad>" + bad.join(", ") + "</b>" : "<b class=ok>up</b>";
                  const backlog = Object.entries(v.backlog).map(([p, n]) => "→" + esc(p) + " " + n).join(", ");
                  h += row(["<a href='" + esc(v.url) + "/?footer=1'>" + esc(id) + "</a> <small>" + esc(v.platform) + "</small>", state, v.served, backlog]);
                }
                $("verticals").innerHTML = h;
                $("edge").innerHTML = Object.entries(s.edge).map(([v, ok]) => "<span class=" + (ok ? "ok" : "bad") + ">" + esc(v) + (ok ? " healthy" : " unhealthy") + "</span>").join(" · ") || "no edge";
                h = row(["#", "kind", "target", "ends", ""], "th");
                for (const f of s.faults) {
                  const ends = f.ends_unix_ms ? Math.max(0, Math.round((f.ends_unix_ms - Date.now()) / 1000)) + " s" : "when lifted";
                  h += row([f.id, esc(f.kind), esc(f.target), ends, "<button class=quiet onclick='lift(" + f.id + ")'>lift</button>"]);
                }
                $("faults").innerHTML = s.faults.length ? h : "<tr><td>none</td></tr>";
                h = row(["surface", "ok", "failed", "refused"], "th");
                for (const [k, c] of Object.entries(s.requests)) h += row([esc(k), c.ok, c.failed, c.refused]);
                $("requests").innerHTML = h;
                h = row(["link", "sent", "applied", "lost", "timeouts", "p50", "p99"], "th");
                for (const [k, l] of Object.entries(s.links)) h += row([esc(k.replace(">", " → ")), l.sent, l.applied, l.lost, l.timeouts, l.p50_ms == null ? "–" : l.p50_ms.toFixed(1) + " ms", l.p99_ms == null ? "–" : l.p99_ms.toFixed(1) + " ms"]);
                $("links").innerHTML = h;
                h = row(["when", "from", "to", "why", "path"], "th");
                for (const f of s.recent_failovers) h += row([new Date(f.unix_ms).toLocaleTimeString(), esc(f.from), esc(f.to), esc(f.reason), esc(f.path)]);
                $("failovers").innerHTML = s.recent_failovers.length ? "<caption>" + s.failovers + " in all</caption>" + h : "<tr><td>none yet</td></tr>";
                $("problems").innerHTML = s.problems ? "<p class=bad>" + s.problems + " problem(s): " + s.recent_problems.map(esc).join("; ") + "</p>" : "";
                $("topology").innerHTML = await (await fetch("/api/topology.svg")).text();
                $("clock").textContent = new Date().toLocaleTimeString();
              } catch (e) { $("clock").textContent = "control server unreachable"; }
            }
            refresh(); setInterval(refresh, 1000);
            </script></body></html>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static let head = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="generator" content="generated by simctl serve">
        <title>Glassbreak live</title>
        <style>
        body { margin:0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color:#1d2433; background:#f6f7fa; }
        header { background:#1d2433; color:#fff; padding:12px 20px; display:flex; gap:16px; align-items:baseline; flex-wrap:wrap; }
        header h1 { font-size:18px; margin:0; } header a { color:#fdba74; } header span { font-size:13px; color:#cbd2e0; }
        #clock { margin-left:auto; }
        main { display:grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap:14px; padding:14px 20px; }
        section { background:#fff; border:1px solid #d9dee8; border-radius:10px; padding:12px 16px; overflow:auto; }
        section.wide { grid-column: 1 / -1; }
        h2 { font-size:14px; margin:4px 0 8px; }
        table { border-collapse:collapse; width:100%; font-size:13px; }
        th, td { text-align:left; padding:4px 6px; border-bottom:1px solid #eef0f4; }
        caption { text-align:left; font-size:12px; color:#5b6475; }
        .ok { color:#15803d; } .bad { color:#b91c1c; }
        #topology svg { max-width:100%; height:auto; }
        form { display:flex; flex-wrap:wrap; gap:6px; } input, select { padding:5px 7px; border:1px solid #d9dee8; border-radius:6px; font:inherit; }
        input { width:120px; }
        button { padding:5px 12px; border:0; border-radius:6px; background:#c2410c; color:#fff; font:inherit; cursor:pointer; }
        button.quiet { background:#e8ebf1; color:#1d2433; }
        #f-msg { font-size:13px; color:#5b6475; margin-top:6px; }
        </style></head><body>
        """
}
