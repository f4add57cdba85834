// Signs in through glewlwyd's own login page in Debian's Chromium (headless),
// the way a person would: authorization request with PKCE S256, the login form
// (#username, #password, #loginbut), the "Continue" button, then the redirect to the client's
// redirect URI, whose code is exchanged for tokens. Proves that a browser test
// of the hub's OIDC sign-in can drive this provider.
//
//   node tests/support/oidc/browser_login.mjs ISSUER USER PASSWORD [SCREENSHOT_DIR]
//
// Environment: FHUB_OIDC_CLIENT_ID (default fhub), FHUB_OIDC_REDIRECT_URI
// (default http://127.0.0.1:7000/auth/callback; when nothing listens there,
// this script answers on that port itself), FHUB_CHROMIUM (default /usr/bin/chromium). Uses the
// playwright-core that web/ installs (web/node_modules). Prints JSON: the
// pages visited, the code's redirect and the tokens' claims.
import { createRequire } from 'node:module';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import http from 'node:http';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../../web/package.json'));
const { chromium } = require('playwright-core');

const [issuer, user, password, shots] = process.argv.slice(2);
if (!issuer || !user || !password) {
  console.error('usage: browser_login.mjs ISSUER USER PASSWORD [SCREENSHOT_DIR]');
  process.exit(2);
}
const clientId = process.env.FHUB_OIDC_CLIENT_ID ?? 'fhub';
const redirectUri = (process.env.FHUB_OIDC_REDIRECT_URI ?? 'http://127.0.0.1:7000/auth/callback').split(' ')[0];
const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const decode = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
const verifier = b64url(randomBytes(48));
const challenge = b64url(createHash('sha256').update(verifier).digest());
const state = randomBytes(8).toString('hex');
const authorize = new URL(discovery.authorization_endpoint);
for (const [k, v] of Object.entries({
  response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid',
  state, nonce: randomBytes(8).toString('hex'), code_challenge: challenge, code_challenge_method: 'S256',
})) authorize.searchParams.set(k, v);

// Where nothing listens at the redirect URI (no hub running), answer there
// ourselves so that the browser lands on a page; a running hub gets the code.
const target = new URL(redirectUri);
const server = await new Promise((resolve) => {
  const s = http.createServer((req, res) => { res.end('callback reached'); });
  s.once('error', () => resolve(null));
  s.listen(Number(target.port || 80), target.hostname, () => resolve(s));
});

const browser = await chromium.launch({
  executablePath: process.env.FHUB_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const visited = [];
let callback = null;
let tokens = null;
let signedOut = null;
try {
  const page = await (await browser.newContext()).newPage();
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) visited.push(f.url().split('?')[0]); });
  await page.goto(authorize.href);
  await page.waitForSelector('#username');
  if (shots) await page.screenshot({ path: path.join(shots, 'glewlwyd-login.png') });
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#loginbut');
  // glewlwyd's login page does not go on by itself: it greets the user and
  // offers "Continue" (no id; a green button), which goes back to /auth with
  // &g_continue. Consent was given at start, so no "grant" screen comes.
  const proceed = page.locator('button.btn-success', { hasText: 'Continue' });
  await proceed.waitFor({ timeout: 20_000 });
  if (shots) await page.screenshot({ path: path.join(shots, 'glewlwyd-continue.png') });
  await proceed.click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri), { timeout: 20_000 }).catch(async (e) => {
    if (shots) await page.screenshot({ path: path.join(shots, 'glewlwyd-after-login.png') });
    throw new Error(`no redirect to ${redirectUri} (now at ${page.url()}): ${e.message}`);
  });
  callback = page.url();

  const params = new URL(callback).searchParams;
  if (params.get('state') !== state) throw new Error(`state mismatch: ${callback}`);
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), client_id: clientId,
      redirect_uri: redirectUri, code_verifier: verifier,
    }),
  });
  tokens = await res.json();
  if (!res.ok) throw new Error(`token endpoint ${res.status}: ${JSON.stringify(tokens)}`);

  // RP-initiated logout: end_session sends the browser to login.html with
  // prompt=end_session, which asks for a confirmation before it ends the
  // session and goes on to post_logout_redirect_uri.
  if (discovery.end_session_endpoint) {
    const postLogout = `${target.origin}/`;
    const logout = new URL(discovery.end_session_endpoint);
    logout.searchParams.set('id_token_hint', tokens.id_token);
    logout.searchParams.set('post_logout_redirect_uri', postLogout);
    logout.searchParams.set('state', 'bye');
    await page.goto(logout.href);
    const confirm = page.locator('button.btn-primary, button.btn-danger, button.btn-success').filter({ hasText: /log ?out|sign ?out|end|yes|ok/i }).first();
    await confirm.waitFor({ timeout: 20_000 });
    if (shots) await page.screenshot({ path: path.join(shots, 'glewlwyd-end-session.png') });
    const label = (await confirm.innerText()).trim();
    await confirm.click();
    await page.waitForURL((url) => url.href.startsWith(postLogout), { timeout: 20_000 });
    signedOut = { button: label, landed: page.url() };
  }
} finally {
  await browser.close();
  server?.close();
}

console.log(JSON.stringify({
  visited,
  callback: callback.replace(/code=[^&]+/, 'code=…'),
  access_token: decode(tokens.access_token),
  id_token: decode(tokens.id_token),
  end_session: signedOut,
}, null, 2));
