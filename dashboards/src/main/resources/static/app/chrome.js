// The header every signed-in page shares: role-aware navigation, the language switch, who is signed
// in and the sign-out button. Pages call start(page) first.
import {claims, pages, requirePage, setDemo, signOut} from './session.js';
import {LANGUAGES, preferredLanguage, setLanguage, t} from './i18n.js';

const LANGUAGE_NAMES = {en: 'English', 'zh-CN': '简体中文'};

/** Checks sign-in for `page`, draws the header and loads the language; false when leaving the page. */
export async function start(page) {
  setDemo(await demoRunning());
  if (!requirePage(page)) return false;
  const nav = document.getElementById('nav');
  nav.replaceChildren(...pages().map(p => {
    const a = document.createElement('a');
    a.href = p.path;
    a.dataset.page = p.page;
    a.dataset.i18n = `nav.${p.page}`;
    if (p.page === page) a.setAttribute('aria-current', 'page');
    return a;
  }));
  const c = claims();
  document.getElementById('user').textContent = c.preferred_username || c.sub;
  document.getElementById('sign-out').addEventListener('click', () => signOut('signedOut'));
  languageSwitch(document.getElementById('language'));
  await setLanguage(preferredLanguage(), false);
  return true;
}

/** Fills a <select> with the languages and switches on change. */
export function languageSwitch(select) {
  select.dataset.languageSwitch = '';
  select.replaceChildren(...LANGUAGES.map(lang => new Option(LANGUAGE_NAMES[lang], lang)));
  select.title = t('nav.language');
  select.addEventListener('change', () => setLanguage(select.value));
}

/** The gateway's answer whether the demo (and its outbox) runs; no answer means no demo pages. */
async function demoRunning() {
  try {
    const res = await fetch('/app/features.json', {cache: 'no-store'});
    return res.ok && (await res.json()).demo === true;
  } catch (e) {
    return false;
  }
}
