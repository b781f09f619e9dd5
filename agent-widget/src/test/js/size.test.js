import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// The budget: what a CRM page downloads for the widget stays small. Counted as the UTF-8
// bytes on disk (uncompressed) of every module handup-button.js loads with the page, itself
// included; demo.html is a host page, not widget source. 40 KB = 40 × 1024 bytes. A module the
// element loads later with import() (the answers search, once an agent is waiting) is not part of
// that first download and has a budget of its own.
const LIMIT = 40 * 1024;
const LAZY_LIMIT = 8 * 1024;
const WIDGET = new URL('../../main/resources/META-INF/resources/widget/', import.meta.url);

function read(name) {
  return readFileSync(new URL(name, WIDGET)).toString('utf8');
}

/** The modules a module pulls in with static imports (transitively), and those it loads later. */
function modules(name, seen = new Map(), lazy = new Set()) {
  if (seen.has(name)) return { seen, lazy };
  const source = read(name);
  seen.set(name, Buffer.byteLength(source));
  for (const [, imported] of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"()]*?['"]\.\/([^'"]+)['"]/g)) {
    modules(imported, seen, lazy);
  }
  for (const [, imported] of source.matchAll(/import\(\s*['"]\.\/([^'"]+)['"]\s*\)/g)) lazy.add(imported);
  return { seen, lazy };
}

const sum = (sizes) => [...sizes.values()].reduce((a, b) => a + b, 0);

test('the widget source the element loads with the page stays under 40 KB', () => {
  const { seen } = modules('handup-button.js');
  assert.ok(seen.size >= 5, `found the element's modules: ${[...seen.keys()]}`);
  assert.ok(sum(seen) <= LIMIT, `${sum(seen)} bytes > ${LIMIT}: ${JSON.stringify(Object.fromEntries(seen))}`);
});

test('each module loaded on demand brings at most 8 KB the page does not have yet', () => {
  const { seen, lazy } = modules('handup-button.js');
  assert.ok(lazy.has('answers.js'), `loaded on demand: ${[...lazy]}`);
  for (const name of lazy) {
    const extra = [...modules(name).seen].filter(([module]) => !seen.has(module));
    const bytes = extra.reduce((a, [, size]) => a + size, 0);
    assert.ok(bytes <= LAZY_LIMIT, `${name}: ${bytes} bytes > ${LAZY_LIMIT}: ${JSON.stringify(extra)}`);
  }
});
