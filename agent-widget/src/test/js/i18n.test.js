import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, TEXT, clock, pickLanguage, roughly, translate } from '../../main/resources/META-INF/resources/widget/i18n.js';

test('every string is there in every language', () => {
  for (const [key, texts] of Object.entries(TEXT)) {
    assert.equal(texts.length, LANGUAGES.length, key);
    for (const text of texts) assert.ok(typeof text === 'string' && text.trim(), key);
  }
});

test('the claimed card names the seat to look for, in both languages', () => {
  assert.equal(translate('en', 'claimedSeat', { name: 'Li Wei', seat: 'C-14' }), 'Li Wei is on the way — seat C-14');
  assert.equal(translate('zh-CN', 'claimedSeat', { name: '李伟', seat: 'C-14' }), '李伟 正在赶来 — 座位 C-14');
  assert.equal(translate('en', 'claimed', { name: 'Li Wei' }), 'Li Wei is on the way');
});

test('the lang attribute wins over the browser', () => {
  assert.equal(pickLanguage('zh-CN', ['en-US']), 'zh-CN');
  assert.equal(pickLanguage('en', ['zh-CN']), 'en');
});

test('without an attribute the first browser language the widget has is chosen', () => {
  assert.equal(pickLanguage(null, ['fr-FR', 'zh-Hans-CN', 'en']), 'zh-CN');
  assert.equal(pickLanguage('', ['zh']), 'zh-CN');
  assert.equal(pickLanguage(null, ['en-GB']), 'en');
  assert.equal(pickLanguage(null, ['de']), 'en');
});

test('the accessible names the tests and screen readers rely on', () => {
  assert.equal(translate('en', 'needHelp'), 'Need help');
  assert.equal(translate('zh-CN', 'needHelp'), '求助');
  assert.equal(translate('en', 'rate', { n: 4 }), 'Rate 4');
  assert.equal(translate('zh-CN', 'rate', { n: 4 }), '评分 4');
});

test('placeholders are filled and unknown keys fall back', () => {
  assert.equal(translate('en', 'waited', { time: '0:42' }), 'Waited 0:42');
  assert.equal(translate('xx', 'cancel'), 'Cancel');
  assert.equal(translate('en', 'no-such-key'), 'no-such-key');
});

test('waits read like a clock and estimates like speech', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(42.7), '0:42');
  assert.equal(clock(185), '3:05');
  assert.equal(clock(3720), '1:02:00');
  assert.equal(roughly('en', 38), '40 s');
  assert.equal(roughly('en', 170), '3 min');
  assert.equal(roughly('zh-CN', 170), '3 分钟');
});
