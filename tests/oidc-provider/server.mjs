// A real OpenID Connect provider (panva's oidc-provider) on loopback, for Portico's single
// sign-on tests (crates/portico/tests/single_sign_on.rs). Not for anything else: its accounts
// sign in with any password and live in memory.
//
//   node server.mjs [PORT]     (0 or nothing: a free port)
//
// Prints `listening http://127.0.0.1:PORT` on standard output once it answers. The issuer is
// that address. One client is registered for Portico:
//   client_id portico, client_secret portico-test-secret, a native application so that any
//   loopback port of http://127.0.0.1/admin/login/sso/callback is a valid redirect (RFC 8252,
//   section 7.3), since the test's Portico listens on a free port. Its ID tokens are signed
//   with RS256; those of the client portico-es256 (same secret) with ES256.
// Test-only routes on the same server:
//   POST /test/accounts/{id}/disable   the account is gone: refresh grants answer invalid_grant
//   POST /test/accounts/{id}/enable
//   POST /test/rotate-keys             new signing keys under new key ids, the old ones gone
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const ACCOUNTS = {
  // An editor of the Salvadoran and Senegalese sites, and a translator on the global site:
  // the editor role wins, with its own sites.
  ana: { email: 'ana@example.org', name: 'Ana Editor', groups: ['portico-editors-sv', 'portico-editors-sn', 'portico-translators'] },
  // An admin.
  root: { email: 'root@example.org', name: 'Root Admin', groups: ['portico-admins'] },
  // In no group Portico knows.
  ben: { email: 'ben@example.org', name: 'Ben Marketing', groups: ['marketing'] },
};
const disabled = new Set();

function findAccount(_ctx, id) {
  const account = ACCOUNTS[id];
  if (!account || disabled.has(id)) return undefined;
  return {
    accountId: id,
    async claims() {
      return { sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups };
    },
  };
}

// Fresh signing keys per run (RS256 and ES256), as a provider would publish them; each rotation
// makes new ones under new key ids.
let generation = 0;
function signingKeys() {
  generation += 1;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `test-rs256-${generation}`, use: 'sig', alg: 'RS256' },
    { ...ec, kid: `test-es256-${generation}`, use: 'sig', alg: 'ES256' },
  ];
}

const requested = Number(process.argv[2] ?? process.env.PORT ?? 0);
const server = createServer();
server.listen(requested, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const client = {
    client_id: 'portico',
    client_secret: 'portico-test-secret',
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/admin/login/sso/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/admin/login?notice=loggedout'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
  const makeProvider = () => new Provider(issuer, {
    clients: [client, { ...client, client_id: 'portico-es256', id_token_signed_response_alg: 'ES256' }],
    findAccount,
    jwks: { keys: signingKeys() },
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    cookies: { keys: ['portico-test-cookies'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  let callback;
  const start = () => {
    const provider = makeProvider();
    provider.on('server_error', (_ctx, err) => console.error('provider error:', err));
    callback = provider.callback();
  };
  start();
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/test/rotate-keys') {
      start();
      res.writeHead(204).end();
      return;
    }
    const test = req.method === 'POST' && req.url.match(/^\/test\/accounts\/([^/]+)\/(disable|enable)$/);
    if (test) {
      const [, id, action] = test;
      if (action === 'disable') disabled.add(id); else disabled.delete(id);
      res.writeHead(204).end();
      return;
    }
    callback(req, res);
  });
  console.log(`listening ${issuer}`);
});

// The test ends the process; a closed standard input means the test is gone.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
