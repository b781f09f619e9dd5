// Fits a 320 px sidebar and a full page; text, not colour alone, carries the state (colour-blind).

export const css = `
:host{display:block;max-width:28rem;color:#1f2328;--accent:var(--handup-accent,#c2410c);--muted:#57606a;--line:#d0d7de;
font:14px/1.4 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
:host([hidden]){display:none}
*{box-sizing:border-box}
.card{border:1px solid var(--line);border-left:6px solid var(--band,var(--line));border-radius:10px;padding:10px 12px 12px;
background:var(--handup-background,#fff)}
[data-phase=waiting],[data-phase=sending]{--band:#b45309}
[data-phase=offered]{--band:#1d4ed8}
[data-phase=claimed]{--band:#15803d}
[data-phase=rate],[data-phase=thanks]{--band:#6d28d9}
.conn{display:flex;align-items:center;gap:6px;font-size:12px;color:var(--muted);margin-bottom:8px}
.who{margin-left:auto}
.dot{width:8px;height:8px;border-radius:50%;background:#8c959f;flex:none}
[data-status=online] .dot{background:#1a7f37}
[data-status=offline],[data-status=unauthenticated]{color:#cf222e;font-weight:600}
[data-status=offline] .dot,[data-status=unauthenticated] .dot{background:#cf222e}
button,input,textarea{font:inherit}
button{cursor:pointer;border-radius:8px;border:1px solid var(--line);background:#f6f8fa;color:inherit;padding:6px 10px}
:focus-visible{outline:3px solid #0969da;outline-offset:1px}
button:disabled{cursor:default;opacity:.55}
input,textarea{padding:6px 8px;border:1px solid var(--line);border-radius:8px;min-width:0}
.help{width:100%;min-height:56px;font-size:20px;font-weight:700;background:var(--accent);color:#fff;border:0;border-radius:12px}
.hint{display:block;text-align:center;color:var(--muted);font-size:12px;margin-top:4px}
.headline{font-size:16px;font-weight:700;margin:0 0 4px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.badge{font-size:12px;color:#fff;background:var(--band,var(--muted));border-radius:999px;padding:1px 8px}
.facts{display:flex;flex-wrap:wrap;gap:4px 14px;color:var(--muted);margin:0 0 8px;font-variant-numeric:tabular-nums}
.row{display:flex;gap:6px;flex-wrap:wrap;align-items:center;margin:6px 0}
.chip[aria-pressed=true]{background:#ddf4ff;border-color:#0969da;font-weight:600}
.urgent[aria-pressed=true]{background:#ffebe9;border-color:#cf222e;color:#a40e26;font-weight:700}
.details{border-top:1px dashed var(--line);margin-top:8px;padding-top:6px}
.details>span{color:var(--muted);font-size:12px}
.inline{display:flex;gap:6px;margin:6px 0 0;flex:1 1 100%}
.inline input{flex:1}
.cancel,.error{color:#a40e26}
.error{margin:6px 0 0}
.log{list-style:none;margin:6px 0;padding:6px;max-height:12rem;overflow-y:auto;background:#f6f8fa;border-radius:8px}
.log:empty{display:none}
.log li{margin:3px 0;max-width:85%;padding:4px 8px;border-radius:8px;background:#fff;border:1px solid var(--line);overflow-wrap:anywhere}
.log .mine{margin-left:auto;background:#dafbe1;border-color:#aceebb}
.from{display:block;font-size:11px;color:var(--muted)}
.stars{display:grid;grid-template-columns:repeat(5,1fr);gap:6px;margin:6px 0}
.stars button{font-size:18px;font-weight:700;padding:8px 0}
.check{display:flex;gap:6px;align-items:center}
textarea{width:100%;min-height:2.6em;resize:vertical}
.link{border:0;background:none;padding:2px 4px;color:#0969da;text-decoration:underline}
.history{margin-top:10px;font-size:13px}
summary{cursor:pointer;color:var(--muted)}
.history ul{list-style:none;padding:0;margin:6px 0 0}
.history li{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;padding:4px 0;border-bottom:1px solid #eaeef2}
time{font-variant-numeric:tabular-nums;color:var(--muted)}
.state{font-weight:600}
.history button{padding:2px 8px;font-size:12px;margin-left:auto}
.signin{display:grid;gap:6px}
.signin input{width:100%}
.signin button{background:var(--accent);color:#fff;border:0;font-weight:700;padding:8px}
`;
