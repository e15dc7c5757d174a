// The signed-in user of this tab: the api's bearer token (kept in sessionStorage, so it dies with the
// tab), its claims, and fetch helpers that send it. The page only reads the claims to choose what to
// show; every service verifies the token itself.

const TOKEN_KEY = 'pulse.accessToken';
// A token this close to its expiry is treated as expired: a request sent with it would fail midway.
const EXPIRY_MARGIN_MS = 5000;

/**
 * The pages a role opens, in the order a user with several roles lands on them. Demo-only pages come last
 * (nobody lands on them) and exist only when the gateway says the demo is running (setDemo).
 */
const PAGES = [
  {page: 'cockpit', path: '/cockpit.html', roles: ['EXECUTIVE', 'ADMIN', 'MANAGER']},
  {page: 'workspace', path: '/workspace.html', roles: ['REP', 'MANAGER']},
  {page: 'pivot', path: '/pivot.html', roles: ['ANALYST']},
  {page: 'outbox', path: '/outbox.html', roles: ['EXECUTIVE', 'ADMIN', 'REP', 'MANAGER', 'ANALYST'], demo: true}
];

let demo = false;

/** Whether demo-only pages are offered; the header sets it from /app/features.json. */
export function setDemo(on) {
  demo = !!on;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function keep(accessToken) {
  sessionStorage.setItem(TOKEN_KEY, accessToken);
}

/** The token's payload, or null when there is no readable token. */
export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const payload = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

export function signedIn() {
  const c = claims();
  return !!c && typeof c.exp === 'number' && c.exp * 1000 - EXPIRY_MARGIN_MS > Date.now();
}

export function roles() {
  const c = claims();
  return c && Array.isArray(c.roles) ? c.roles.map(r => String(r).toUpperCase()) : [];
}

/** The user's IANA time zone from the token, else the browser's. */
export function timeZone() {
  const c = claims();
  return (c && c.zoneinfo) || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The pages this user may open: [{page, path}]. */
export function pages() {
  const mine = roles();
  return PAGES.filter(p => (demo || !p.demo) && p.roles.some(r => mine.includes(r)));
}

export function home() {
  const mine = pages();
  return mine.length ? mine[0].path : null;
}

/** Back to the sign-in page, saying why ('expired', 'signedOut', …) and where to come back to. */
export function signOut(reason = 'signedOut') {
  sessionStorage.removeItem(TOKEN_KEY);
  const params = new URLSearchParams({reason});
  if (reason === 'expired' && location.pathname !== '/' && location.pathname !== '/index.html') {
    params.set('next', location.pathname);
  }
  location.replace('/?' + params);
}

let expiryTimer;

/**
 * For pages behind sign-in: without a valid token, or without a role that opens `page`, go to the
 * sign-in page (or the user's own page); sign out by itself when the token expires while open.
 * Answers false when the page is being left.
 */
export function requirePage(page) {
  if (!signedIn()) {
    signOut(token() ? 'expired' : 'absent');
    return false;
  }
  if (!pages().some(p => p.page === page)) {
    location.replace(home() || '/?reason=noPage');
    return false;
  }
  clearTimeout(expiryTimer);
  const left = claims().exp * 1000 - EXPIRY_MARGIN_MS - Date.now();
  expiryTimer = setTimeout(() => signOut('expired'), Math.min(left, 2 ** 31 - 1));
  return true;
}

/** fetch with the bearer token; a 401 means the token is no longer accepted: back to sign-in. */
export async function authorizedFetch(path, options = {}) {
  const headers = Object.assign({Accept: 'application/json'}, options.headers || {});
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  const res = await fetch(path, Object.assign({cache: 'no-store'}, options, {headers}));
  if (res.status === 401) {
    signOut('expired');
    throw new Error('HTTP 401');
  }
  return res;
}

/** GET or POST JSON; rejects with Error('HTTP <status>') on any other answer than 2xx. */
export async function json(path, options = {}) {
  const res = await authorizedFetch(path, options);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export function postJson(path, body) {
  return json(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
}

/** The problem+json body of a refused answer, or {} when it has none (a proxy's HTML, an empty body). */
export async function problemOf(res) {
  try {
    return await res.json();
  } catch (e) {
    return {};
  }
}

/**
 * Every item of a cursor-paged api list (`items`, `nextCursor`): `filters` as query parameters, 200 a page,
 * pages followed until the last or until at least `max` items are read.
 */
export async function everyItem(path, filters = {}, max = Infinity) {
  const items = [];
  let cursor = null;
  do {
    const params = new URLSearchParams(Object.assign({}, filters, {limit: '200'}));
    if (cursor) params.set('cursor', cursor);
    const page = await json(`${path}?${params}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
