// A real OpenID Connect provider for the SSO tests: panva's oidc-provider (OpenID Certified),
// listening on 127.0.0.1 with its development sign-in form (any login name signs in as that email).
//
//   node provider.mjs <port> '<json: {"clients": [{client_id, client_secret, redirect_uris}], "unverified": [emails]}>'
//
// Prints "ready <issuer>" once it listens.
import Provider from 'oidc-provider';

const [port, raw] = process.argv.slice(2);
const config = JSON.parse(raw);
const issuer = `http://127.0.0.1:${port}`;
const unverified = new Set(config.unverified ?? []);

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    ...client,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  })),
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: sub, email_verified: !unverified.has(sub) }),
  }),
  // The ID token carries the claims, so the relying party needs no userinfo call.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  ttl: { AuthorizationCode: 120, IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 600, Grant: 600 },
});
// Quiet: the tests read only "ready".
provider.on('server_error', (_ctx, error) => console.error('server_error', error));
provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
