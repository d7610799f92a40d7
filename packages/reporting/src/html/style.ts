/** The reports' one stylesheet, inline: no fonts or images from anywhere. Prints cleanly. */
export const REPORT_CSS = `
:root { --fg:#1d2330; --muted:#5c6475; --line:#dde1e8; --bg:#f6f7f9; --card:#fff;
  --critical:#7b1e1e; --high:#d9534f; --medium:#e8912d; --low:#5b8def; --info:#8a8f98;
  --pass:#2e8b57; --fail:#d9534f; --waived:#8a8f98; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; color:var(--fg); background:var(--bg); }
header.top { background:#1d2330; color:#fff; padding:18px 28px; }
header.top h1 { margin:0; font-size:22px; font-weight:600; }
header.top .meta { color:#b8c0d0; font-size:12px; margin-top:4px; }
main { padding:20px 28px 60px; max-width:1280px; margin:0 auto; }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:0 0 18px; }
h2 { font-size:17px; margin:0 0 12px; }
h3 { font-size:14px; margin:16px 0 8px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; }
.card { flex:1 1 150px; border:1px solid var(--line); border-radius:8px; padding:10px 14px; background:#fbfcfd; }
.card .n { font-size:28px; font-weight:650; line-height:1.1; }
.card .l { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.verdict { font-size:16px; margin:0 0 14px; }
.sev { display:inline-block; min-width:64px; padding:1px 8px; border-radius:10px; color:#fff; font-size:12px; text-align:center; }
.sev-critical { background:var(--critical); } .sev-high { background:var(--high); } .sev-medium { background:var(--medium); }
.sev-low { background:var(--low); } .sev-info { background:var(--info); }
.st { font-size:12px; padding:1px 6px; border-radius:4px; border:1px solid var(--line); }
.st-open { color:var(--fail); border-color:var(--fail); } .st-waived { color:var(--waived); } .st-resolved { color:var(--pass); border-color:var(--pass); }
.st-pass { color:var(--pass); border-color:var(--pass); } .st-fail { color:var(--fail); border-color:var(--fail); }
.chg { font-size:11px; font-weight:600; text-transform:uppercase; margin-left:6px; }
.chg-new { color:#b35900; } .chg-regressed { color:var(--critical); } .chg-resolved { color:var(--pass); }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.score { font-weight:650; }
.bar { height:8px; background:#eceff3; border-radius:4px; overflow:hidden; min-width:90px; }
.bar > span { display:block; height:100%; background:var(--pass); }
.muted { color:var(--muted); }
.filters { display:flex; flex-wrap:wrap; gap:10px 16px; align-items:flex-end; margin-bottom:12px; }
.filters label { font-size:12px; color:var(--muted); display:flex; flex-direction:column; gap:2px; }
.filters fieldset { border:1px solid var(--line); border-radius:6px; padding:4px 8px; margin:0; font-size:13px; }
.filters fieldset legend { font-size:12px; color:var(--muted); }
select, input[type=search] { font:inherit; padding:3px 6px; border:1px solid #c6ccd6; border-radius:4px; background:#fff; }
tr.finding { cursor:pointer; } tr.finding:hover { background:#f3f6fa; }
tr.detail td { background:#fafbfc; }
pre { margin:4px 0; padding:8px; background:#f1f3f6; border-radius:4px; overflow:auto; font-size:12px; max-height:320px; }
button { font:inherit; padding:4px 12px; border:1px solid #c6ccd6; border-radius:4px; background:#fff; cursor:pointer; }
.chart { width:100%; max-width:720px; height:auto; }
.chart .grid { stroke:#e3e6eb; stroke-width:1; } .chart .axis { font-size:11px; fill:#5c6475; }
.two { display:grid; grid-template-columns:repeat(auto-fit,minmax(420px,1fr)); gap:18px; }
details > summary { cursor:pointer; }
@media print { body { background:#fff; } section { break-inside:avoid; border:none; padding:8px 0; } .filters, #more, .noprint { display:none; } header.top { background:#fff; color:#000; border-bottom:2px solid #000; } header.top .meta { color:#333; } }
`;
