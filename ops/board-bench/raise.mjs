// usage: node raise.mjs [base] [api-key] [count]
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const key = process.argv[3] ?? 'bench-key';
const count = Number(process.argv[4] ?? 300);
const topics = ['billing', 'technical', 'policy', null];
let ok = 0;
await Promise.all(Array.from({ length: count }, async (_, i) => {
  const u = `agent-${i + 1}`;
  const t = (await (await fetch(base + '/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'ApiKey ' + key }, body: JSON.stringify({ username: u }) })).json()).token;
  const r = await fetch(base + '/api/requests', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + t }, body: JSON.stringify({ clientKey: 'k300-' + i, topic: topics[i % 4], urgent: i % 17 === 0, note: i % 3 ? 'Customer asks about invoice ' + i : undefined }) });
  if (r.ok) ok++;
}));
console.log('raised', ok);
