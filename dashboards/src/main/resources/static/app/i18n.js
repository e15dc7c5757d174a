// Two languages, zh-CN and en: one JSON dictionary per language served beside the pages. The choice
// is remembered in localStorage; the first visit follows the browser's preferred languages. Numbers
// and dates go through the Intl API in that locale and the user's time zone (the token's zoneinfo).
import {timeZone} from './session.js';

export const LANGUAGES = ['en', 'zh-CN'];
const KEY = 'pulse.language';

let current = null;
let dictionary = {};

export function preferredLanguage() {
  const stored = localStorage.getItem(KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const tag of browser) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function language() {
  return current;
}

/** Loads the dictionary, relabels the document and tells the page (event 'pulse:language'). */
export async function setLanguage(lang, remember = true) {
  if (!LANGUAGES.includes(lang)) lang = 'en';
  const res = await fetch(`/i18n/${lang}.json`);
  if (!res.ok) throw new Error(`HTTP ${res.status} loading /i18n/${lang}.json`);
  dictionary = await res.json();
  current = lang;
  if (remember) localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  relabel(document);
  document.querySelectorAll('select[data-language-switch]').forEach(s => { s.value = lang; });
  window.dispatchEvent(new CustomEvent('pulse:language', {detail: lang}));
}

/** The text of `key` with {name} placeholders filled in; the key itself when it has no translation. */
export function t(key, vars = {}) {
  const text = dictionary[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function has(key) {
  return key in dictionary;
}

/** Sets the text of every element carrying data-i18n (and the placeholder/title/aria-label variants). */
export function relabel(root) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
  const title = document.querySelector('title[data-i18n-page]');
  if (title) title.textContent = `Pulse · ${t(title.dataset.i18nPage)}`;
}

export function number(value, options = {}) {
  return new Intl.NumberFormat(current || 'en', options).format(value);
}

export function money(value) {
  return number(value, {minimumFractionDigits: 2, maximumFractionDigits: 2});
}

export function percent(ratio) {
  return number(ratio, {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
}

/** A date-time in the user's time zone and the page's language. */
export function dateTime(value) {
  return new Intl.DateTimeFormat(current || 'en', {dateStyle: 'medium', timeStyle: 'medium', timeZone: timeZone()})
      .format(new Date(value));
}

/** A calendar month 'YYYY-MM' as the language writes it (no time zone involved: it is a label). */
export function month(yyyyMm) {
  const [y, m] = yyyyMm.split('-').map(Number);
  return new Intl.DateTimeFormat(current || 'en', {year: 'numeric', month: 'short', timeZone: 'UTC'})
      .format(new Date(Date.UTC(y, m - 1, 1)));
}
