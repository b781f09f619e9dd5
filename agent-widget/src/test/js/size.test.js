import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// The budget: what a CRM page downloads for the widget stays small. Counted as the UTF-8
// bytes on disk (uncompressed) of every module handup-button.js loads, itself included; demo.html
// is a host page, not widget source. 40 KB = 40 × 1024 bytes.
const LIMIT = 40 * 1024;
const WIDGET = new URL('../../main/resources/META-INF/resources/widget/', import.meta.url);

function modules(name, seen = new Map()) {
  if (seen.has(name)) return seen;
  const source = readFileSync(new URL(name, WIDGET));
  seen.set(name, source.length);
  for (const [, imported] of source.toString('utf8').matchAll(/(?:import|from)\s*\(?\s*['"]\.\/([^'"]+)['"]/g)) {
    modules(imported, seen);
  }
  return seen;
}

test('the widget source the element loads stays under 40 KB', () => {
  const sizes = modules('handup-button.js');
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  assert.ok(sizes.size >= 5, `found the element's modules: ${[...sizes.keys()]}`);
  assert.ok(total <= LIMIT, `${total} bytes > ${LIMIT}: ${JSON.stringify(Object.fromEntries(sizes))}`);
});
