/// The report's only style sheet, inline: system fonts, no external resources.
enum ReportStyle {
    static let css = """
        :root{--ink:#1f2933;--muted:#6b7785;--line:#e3e7ec;--ok:#3a9a5b;--fail:#d1423f;--bg:#f6f7f9}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,'Segoe UI','DejaVu Sans',Helvetica,Arial,sans-serif}
        header,main>section,nav,footer{max-width:1180px;margin:0 auto}
        header{background:#fff;border-bottom:1px solid var(--line);padding:22px 28px 16px;max-width:none}
        header>*{max-width:1124px;margin-left:auto;margin-right:auto}
        .title-row{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
        h1{font-size:26px;margin:0}
        h2{font-size:20px;margin:0 0 4px}
        h3{font-size:15px;margin:18px 0 6px;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
        .verdict{font-weight:700;border-radius:6px;padding:3px 12px;color:#fff;font-size:15px;letter-spacing:.04em}
        .verdict.pass{background:var(--ok)}
        .verdict.fail{background:var(--fail)}
        .verdict-line{color:var(--muted)}
        .description{color:#3e4c59;margin:10px auto}
        dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:4px 20px;margin:12px auto}
        dl.facts div,dl.facts dt,dl.facts dd{margin:0}
        dl.facts dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
        dl.facts dd{margin:0 0 6px}
        .reproduce{background:#1f2933;color:#e3e7ec;border-radius:6px;padding:8px 12px;font-size:13px}
        .reproduce code{color:#fff;font-size:13.5px}
        code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace}
        ul.failed-checks{color:var(--fail);margin:10px auto}
        nav ul{list-style:none;display:flex;gap:18px;padding:10px 28px;margin:0;flex-wrap:wrap}
        nav a{color:#3b6fd8;text-decoration:none;font-weight:600}
        main>section{background:#fff;margin:18px auto;padding:18px 28px;border:1px solid var(--line);border-radius:10px}
        .intro{color:var(--muted);margin:0 0 10px;max-width:900px}
        figure{margin:8px 0 14px}
        figure svg{width:100%;height:auto;display:block}
        figcaption{color:var(--muted);font-size:12.5px;margin-top:2px}
        .availability{font-weight:600;color:var(--ok)}
        .muted{color:var(--muted);font-weight:400;font-size:13px}
        table{border-collapse:collapse;margin:8px 0 12px;font-size:13px}
        th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:top}
        th{color:var(--muted);font-weight:600;font-size:12px}
        table.numbers td:not(:first-child){font-variant-numeric:tabular-nums}
        td.bad{color:var(--fail);font-weight:700}
        td.detail{color:#3e4c59;max-width:520px}
        table.checks tr.fail td{background:#fdf1f0}
        .mark{font-weight:700;font-size:12px}
        .mark.pass{color:var(--ok)}
        .mark.fail{color:var(--fail)}
        .story{border-top:1px solid var(--line);margin-top:12px}
        footer{color:var(--muted);font-size:12.5px;padding:0 28px 30px}
        @media print{body{background:#fff}main>section{border:none;break-inside:avoid}}
        """
}
