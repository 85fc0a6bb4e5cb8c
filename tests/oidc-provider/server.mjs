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
//   section 7.3), since the test's Portico listens on a free port.
// Test-only routes on the same server:
//   POST /test/accounts/{id}/disable   the account is gone: refresh grants answer invalid_grant
//   POST /test/accounts/{id}/enable
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

// A fresh signing key per run (RS256), as a provider of the organization would publish it.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signing = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

const requested = Number(process.argv[2] ?? process.env.PORT ?? 0);
const server = createServer();
server.listen(requested, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'portico',
      client_secret: 'portico-test-secret',
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/admin/login/sso/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1/admin/login?notice=loggedout'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    findAccount,
    jwks: { keys: [signing] },
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
  // The dev interactions warn on every start; the tests know.
  provider.on('server_error', (_ctx, err) => console.error('provider error:', err));
  const callback = provider.callback();
  server.on('request', (req, res) => {
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
