import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUTY_TEXT, dutyTranslator, weekEnd } from '../../../main/resources/static/ui/duty-i18n.js';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the duty roster section has every string in every language, with the same placeholders', () => {
  const en = DUTY_TEXT.en;
  for (const [lang, strings] of Object.entries(DUTY_TEXT)) {
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort(), lang);
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(strings[key]), placeholders(en[key]), `${lang} ${key}`);
    }
  }
});

test('duty strings are filled in, and a missing one falls back to English', () => {
  assert.equal(dutyTranslator('zh-CN')('imported', { imported: 3 }), '已导入 3 个班次。');
  assert.equal(dutyTranslator('en')('onDuty'), 'On duty');
  assert.equal(dutyTranslator('fr')('offDuty'), 'Off duty');
  assert.equal(dutyTranslator('zh-CN')('no.such.key'), 'no.such.key');
});

test('the roster shows today and the six days after, across a month end', () => {
  assert.equal(weekEnd('2025-02-26'), '2025-03-04');
  assert.equal(weekEnd('2025-12-30'), '2026-01-05');
});
