// The sign-in form: POST /api/v1/auth/token through the gateway, keep the token for this tab, then
// open the page the user's roles lead to (or the page that sent them here when the session ended).
import {home, keep, signedIn} from './session.js';
import {preferredLanguage, setLanguage, t} from './i18n.js';
import {languageSwitch} from './chrome.js';

const form = document.getElementById('signin');
const error = document.getElementById('error');
const notice = document.getElementById('notice');
const submit = document.getElementById('submit');
const params = new URLSearchParams(location.search);
let shownError = null; // {key, vars}: redrawn when the language changes

function go() {
  const next = params.get('next');
  // only a page of this site, never an address elsewhere
  const target = next && /^\/[a-z-]+\.html$/.test(next) ? next : home();
  if (target) {
    location.replace(target);
  } else {
    showError('signin.noPage');
  }
}

function showError(key, vars = {}) {
  shownError = key ? {key, vars} : null;
  error.hidden = !key;
  error.dataset.error = key || '';
  error.textContent = key ? t(key, vars) : '';
}

function showNotice() {
  const reason = params.get('reason');
  const key = {expired: 'signin.expired', signedOut: 'signin.signedOut', noPage: 'signin.noPage'}[reason];
  notice.hidden = !key;
  notice.dataset.reason = reason || '';
  notice.textContent = key ? t(key) : '';
}

async function signIn(event) {
  event.preventDefault();
  showError(null);
  submit.disabled = true;
  submit.textContent = t('signin.busy');
  try {
    let res;
    try {
      res = await fetch('/api/v1/auth/token', {
        method: 'POST', cache: 'no-store',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({username: form.username.value.trim(), password: form.password.value})});
    } catch (e) {
      showError('signin.apiDown'); // the gateway itself is unreachable
      return;
    }
    if (res.ok) {
      keep((await res.json()).access_token);
      go();
    } else if (res.status === 401) {
      showError('signin.wrong');
    } else if (res.status === 503 || res.status === 502 || res.status === 504) {
      showError('signin.apiDown');
    } else {
      const problem = await res.json().catch(() => ({}));
      const field = problem.errors && problem.errors[0] ? `${problem.errors[0].field} ${problem.errors[0].reason}` : null;
      showError('signin.failed', {detail: field || problem.detail || `HTTP ${res.status}`});
    }
  } finally {
    submit.disabled = false;
    submit.textContent = t('signin.submit');
  }
}

window.addEventListener('pulse:language', () => {
  showNotice();
  if (shownError) showError(shownError.key, shownError.vars);
});

languageSwitch(document.getElementById('language'));
form.addEventListener('submit', signIn);
await setLanguage(preferredLanguage(), false);
showNotice();
if (signedIn() && !params.get('reason')) {
  go(); // already signed in in this tab
} else {
  form.username.focus();
}
