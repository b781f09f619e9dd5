import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, splitList, translator } from '../../../main/resources/static/admin/i18n.js';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the admin page has every string in every language, with the same placeholders', () => {
  const en = LANGUAGES.en;
  for (const [lang, strings] of Object.entries(LANGUAGES)) {
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort(), lang);
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(strings[key]), placeholders(en[key]), `${lang} ${key}`);
    }
  }
});

test('strings are filled in, and a missing one falls back to English', () => {
  assert.equal(translator('zh-CN')('users.edit', { id: 'a-1' }), '编辑 a-1');
  assert.equal(translator('en')('users.edit', { id: 'a-1' }), 'Edit a-1');
  assert.equal(translator('zh-CN')('no.such.key'), 'no.such.key');
});

test('roles and skills may be separated by ; | or ,', () => {
  assert.deepEqual(splitList('billing; technical | policy,  claims ;'), ['billing', 'technical', 'policy', 'claims']);
  assert.deepEqual(splitList(null), []);
});
