// The admin page's strings in English and Simplified Chinese, on the shared sign-in page's
// language choice (/ui/i18n.js): a user who picked 中文 there sees the admin page in Chinese.
import en from './i18n/en.js';
import zh from './i18n/zh-CN.js';

export const LANGUAGES = { en, 'zh-CN': zh };

/** A translator for one language; unknown keys fall back to English, then to the key itself. */
export function translator(lang) {
  const strings = LANGUAGES[lang] || en;
  return (key, params = {}) => {
    const template = strings[key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      params[name] === undefined || params[name] === null ? whole : String(params[name]));
  };
}

/** Roles and skills as typed: separated by ; | or , with blanks dropped. */
export function splitList(text) {
  return String(text ?? '').split(/[;|,]/).map((s) => s.trim()).filter(Boolean);
}
