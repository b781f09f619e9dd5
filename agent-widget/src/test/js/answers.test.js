import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, searchUrl } from '../../main/resources/META-INF/resources/widget/answers.js';
import { LANGUAGES, translate } from '../../main/resources/META-INF/resources/widget/i18n.js';

test('the answers search speaks every language the widget does', () => {
  for (const [key, texts] of Object.entries(TEXT)) {
    assert.equal(texts.length, LANGUAGES.length, key);
    for (const text of texts) assert.ok(typeof text === 'string' && text.trim(), key);
  }
  assert.equal(translate('zh-CN', 'found', {}, TEXT), '已找到答案 — 撤回求助');
  assert.equal(translate('en', 'confirmed', { name: 'Chen Jing' }, TEXT), 'Confirmed by Chen Jing');
});

test('a query in Chinese goes to the knowledge API encoded, with the topic', () => {
  const url = searchUrl('https://handup.example.com', '  电费 ', 'billing');
  assert.equal(url.origin + url.pathname, 'https://handup.example.com/api/knowledge');
  assert.equal(url.searchParams.get('q'), '电费');
  assert.equal(url.searchParams.get('topic'), 'billing');
  assert.equal(url.searchParams.get('limit'), '5');
});

test('a server under a path keeps its path', () => {
  assert.equal(searchUrl('https://crm.example.com/handup', 'refund', null).pathname, '/handup/api/knowledge');
  assert.equal(searchUrl('https://crm.example.com/handup/', 'refund', '').pathname, '/handup/api/knowledge');
});

test('nothing to search for sends nothing; a topic alone lists its answers', () => {
  assert.equal(searchUrl('https://h.example.com', '   ', null), null);
  assert.equal(searchUrl('https://h.example.com', '', 'policy').searchParams.has('q'), false);
});
