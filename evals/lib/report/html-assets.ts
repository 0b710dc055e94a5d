/** Inline CSS for the HTML report (self-contained: no external assets). */
export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:16px 24px;color:#fff}header.pass{background:#2e7d32}header.fail{background:#c62828}
header h1{margin:0 0 4px;font-size:22px}header p{margin:0}header code{color:#fff}
section{padding:8px 24px}h2{font-size:18px;margin:16px 0 8px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.charts h2{width:100%}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
.chart .title{font-weight:600;font-size:13px}.chart .label,.chart .value{font-size:12px}.chart .detail{fill:#777}
.chart .track{fill:#eee}.chart .bar{fill:#2e7d32}.chart .bar.bad{fill:#c62828}.chart .cell{stroke:#ddd}
table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}
table.gates{width:auto}tr.fail td.status,table.gates tr.fail td:first-child{color:#c62828;font-weight:700}
tr.pass td.status,table.gates tr.pass td:first-child{color:#2e7d32;font-weight:700}
tr.case.fail{background:#fff5f5}td.reason{color:#c62828;max-width:280px}td.answer{white-space:pre-wrap;max-width:380px}
td.sources{max-width:360px;font-size:12px}td.sources ul,td.question ol{margin:0;padding-left:18px}
blockquote{margin:2px 0 6px;padding-left:6px;border-left:3px solid #ccc;color:#444}
.tags,.file{font-size:11px;color:#777}.kind{color:#777;font-size:12px}
body.only-failures tr.case.pass{display:none}
`;

/** The one behaviour the page has: hide passing rows. Inline, so the file works offline and by e-mail. */
export const SCRIPT = `document.getElementById('only-failures').addEventListener('change',function(e){document.body.classList.toggle('only-failures',e.target.checked)});`;
