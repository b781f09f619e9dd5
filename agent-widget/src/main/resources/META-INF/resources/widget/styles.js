// The widget's look, inside its shadow root: fits a 320 px sidebar and a full page. Colour and
// text both carry the state; the host page can theme it with the --handup-* custom properties.

export const css = `
:host{
display:block;
max-width:28rem;
font:14px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
color:#1f2328;
--accent:var(--handup-accent, #c2410c);
--waiting:#b45309;
--offered:#1d4ed8;
--claimed:#15803d;
--rate:#6d28d9;
--muted:#57606a;
}
:host([hidden]){display:none}
*{box-sizing:border-box}
.card{
border:1px solid #d0d7de;
border-left:6px solid var(--band, #d0d7de);
border-radius:10px;
background:var(--handup-background, #fff);
padding:10px 12px 12px;
min-width:0;
}
.card[data-phase="waiting"],.card[data-phase="sending"]{--band:var(--waiting)}
.card[data-phase="offered"]{--band:var(--offered)}
.card[data-phase="claimed"]{--band:var(--claimed)}
.card[data-phase="rate"],.card[data-phase="thanks"]{--band:var(--rate)}
.conn{display:flex;align-items:center;gap:6px;font-size:12px;color:var(--muted);margin-bottom:8px}
.conn .who{margin-left:auto}
.dot{width:8px;height:8px;border-radius:50%;background:#8c959f;flex:none}
.conn[data-status="online"] .dot{background:#1a7f37}
.conn[data-status="offline"] .dot,.conn[data-status="unauthenticated"] .dot{background:#cf222e}
.conn[data-status="offline"],.conn[data-status="unauthenticated"]{color:#cf222e;font-weight:600}
button,input,textarea{font:inherit}
button{cursor:pointer;border-radius:8px;border:1px solid #d0d7de;background:#f6f8fa;color:inherit;padding:6px 10px}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0969da;outline-offset:1px}
button:disabled{cursor:default;opacity:.55}
.help{
width:100%;min-height:56px;font-size:20px;font-weight:700;letter-spacing:.02em;
background:var(--accent);color:#fff;border:0;border-radius:12px;
display:flex;align-items:center;justify-content:center;gap:10px;
}
.help:hover{filter:brightness(1.08)}
.hint{display:block;text-align:center;color:var(--muted);font-size:12px;margin-top:4px}
.headline{font-size:16px;font-weight:700;margin:0 0 4px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.badge{font-size:12px;font-weight:700;color:#fff;background:var(--band,#57606a);border-radius:999px;padding:1px 8px}
.facts{display:flex;flex-wrap:wrap;gap:4px 14px;color:var(--muted);margin:0 0 8px}
.facts b{color:#1f2328;font-variant-numeric:tabular-nums}
.row{display:flex;gap:6px;flex-wrap:wrap;align-items:center;margin:6px 0}
.chip[aria-pressed="true"]{background:#ddf4ff;border-color:#0969da;font-weight:600}
.urgent[aria-pressed="true"]{background:#ffebe9;border-color:#cf222e;color:#a40e26;font-weight:700}
.details{border-top:1px dashed #d0d7de;margin-top:8px;padding-top:6px}
.details>span{color:var(--muted);font-size:12px}
form.inline{display:flex;gap:6px;margin:6px 0 0}
form.inline input{flex:1;min-width:0;padding:6px 8px;border:1px solid #d0d7de;border-radius:8px}
.cancel{color:#a40e26}
.log{list-style:none;margin:6px 0;padding:6px;max-height:12rem;overflow-y:auto;background:#f6f8fa;border-radius:8px}
.log:empty{display:none}
.log li{margin:3px 0;max-width:85%;padding:4px 8px;border-radius:8px;background:#fff;border:1px solid #d0d7de;overflow-wrap:anywhere}
.log li.mine{margin-left:auto;background:#dafbe1;border-color:#aceebb}
.log .from{display:block;font-size:11px;color:var(--muted)}
.stars{display:grid;grid-template-columns:repeat(5, 1fr);gap:6px;margin:6px 0}
.stars button{font-size:18px;font-weight:700;padding:8px 0}
.stars button:hover{background:#f0e7ff;border-color:var(--rate)}
label.check{display:flex;gap:6px;align-items:center}
textarea{width:100%;min-height:2.6em;padding:6px 8px;border:1px solid #d0d7de;border-radius:8px;resize:vertical}
.link{border:0;background:none;padding:2px 4px;color:#0969da;text-decoration:underline}
.error{color:#a40e26;margin:6px 0 0}
details.history{margin-top:10px;font-size:13px}
details.history summary{cursor:pointer;color:var(--muted)}
details.history ul{list-style:none;padding:0;margin:6px 0 0}
details.history li{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;padding:4px 0;border-bottom:1px solid #eaeef2}
details.history time{font-variant-numeric:tabular-nums;color:var(--muted)}
details.history .state{font-weight:600}
details.history button{padding:2px 8px;font-size:12px;margin-left:auto}
form.signin{display:grid;gap:6px}
form.signin input{padding:6px 8px;border:1px solid #d0d7de;border-radius:8px;width:100%}
form.signin button{background:var(--accent);color:#fff;border:0;font-weight:700;padding:8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
