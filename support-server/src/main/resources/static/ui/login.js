import { pickLanguage, storedLanguage, storeLanguage, translatePage, translator } from './i18n.js';

const select = document.getElementById('lang');
const message = document.getElementById('message');

function show(lang) {
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t('login.title');
  translatePage(document, t);
  select.value = lang;
  const failure = document.body.dataset.failure;
  const loggedOut = new URLSearchParams(location.search).has('logout');
  const text = failure ? t('login.failure.' + failure) : loggedOut ? t('login.loggedOut') : '';
  message.textContent = text;
  message.hidden = !text;
  message.classList.toggle('error', Boolean(failure));
}

select.addEventListener('change', () => {
  storeLanguage(localStorage, select.value);
  show(select.value);
});
show(pickLanguage(storedLanguage(localStorage), navigator.languages));
