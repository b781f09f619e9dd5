// Languages of the pages: which one to show, and filling in a string. No DOM here, so node's
// test runner checks it as it is.
import en from './i18n/en.js';
import zh from './i18n/zh-CN.js';

export const LANGUAGES = { en, 'zh-CN': zh };
const STORAGE_KEY = 'handup.lang';

/** The user's stored choice if any, else the first browser language we speak, else English. */
export function pickLanguage(stored, browserLanguages = []) {
  if (stored && LANGUAGES[stored]) {
    return stored;
  }
  for (const tag of browserLanguages) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) {
      return 'zh-CN';
    }
    if (lower.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
}

/** A translator for one language; unknown keys fall back to English, then to the key itself. */
export function translator(lang) {
  const strings = LANGUAGES[lang] || en;
  return (key, params = {}) => {
    const template = strings[key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      params[name] === undefined || params[name] === null ? whole : String(params[name]));
  };
}

/** Reads and writes the choice where the browser keeps it; quietly does nothing elsewhere. */
export function storedLanguage(storage) {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeLanguage(storage, lang) {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Fills every element marked data-i18n (text) or data-i18n-placeholder / -title / -aria-label. */
export function translatePage(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    const data = 'i18n' + attr.split('-').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.dataset[data]));
    }
  }
}
