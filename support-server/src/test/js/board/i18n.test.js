import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, pickLanguage, translator } from '../../../main/resources/static/ui/i18n.js';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every language has every string, with the same placeholders', () => {
  const en = LANGUAGES.en;
  for (const [lang, strings] of Object.entries(LANGUAGES)) {
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort(), lang);
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(strings[key]), placeholders(en[key]), `${lang} ${key}`);
    }
  }
});

test('the stored choice wins, then the browser language, then English', () => {
  assert.equal(pickLanguage('en', ['zh-CN']), 'en');
  assert.equal(pickLanguage(null, ['zh-TW', 'en']), 'zh-CN');
  assert.equal(pickLanguage(null, ['fr', 'en-GB']), 'en');
  assert.equal(pickLanguage('xx', ['fr']), 'en');
});

test('strings are filled in, and a missing one falls back to English', () => {
  const zh = translator('zh-CN');
  assert.equal(zh('card.state.CLAIMED', { name: '张三' }), '张三 已认领');
  assert.equal(translator('en')('offer.expires', { seconds: 9 }), '9 s to answer');
  assert.equal(zh('no.such.key'), 'no.such.key');
});
