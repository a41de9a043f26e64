// A real OpenID Connect provider for tests (the `oidc-provider` package), standing in for a court's
// identity provider: its own signing key, the console registered as a confidential client, court
// staff whose role and court it states in claims, access tokens as JWTs (RFC 9068) for the API.
// Its development sign-in page takes any password for a known login.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from '../setup/services';

export interface IdpPerson {
  name: string;
  /** The provider's own role names; the test configuration maps them to courtrelay roles. */
  roles: string[];
  court?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  audience: string;
  /** courtrelay's configuration for this provider (console at `consoleBase`). */
  config(consoleBase: string): Record<string, string>;
  /** An access token for `login` issued by the provider itself (no browser), living `ttlSeconds`; `audience` to name another API. */
  accessToken(login: string, options?: { ttlSeconds?: number; audience?: string }): Promise<string>;
  /**
   * An ID token for `login` as the provider issues it to the console at sign-in (OpenID Connect
   * Core §2): signed with the provider's key, `aud` the client id, a nonce, header typ JWT.
   * `header`/`claims` override, to stage variants.
   */
  idToken(login: string, options?: { typ?: string; claims?: Record<string, unknown> }): Promise<string>;
  close(): Promise<void>;
}

/** The provider's role names → courtrelay roles, as a court would configure it. */
export const idpRoleMap = { 执行员: 'enforcement_officer', 监督员: 'supervisor', 系统管理员: 'administrator' } as const;

export async function startTestIdp(people: Record<string, IdpPerson>, redirectUris: string[]): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'courtrelay-console';
  const clientSecret = 'test-client-secret-of-the-court-idp';
  const audience = 'https://courtrelay.test/api';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-idp-1', alg: 'RS256', use: 'sig' };
  const claimsOf = (login: string) => {
    const person = people[login];
    return person ? { name: person.name, roles: person.roles, ...(person.court ? { court: person.court } : {}) } : undefined;
  };
  const resourceServer = (aud: string, ttl = 600) => ({ scope: 'openid profile', audience: aud, accessTokenTTL: ttl, accessTokenFormat: 'jwt' as const });

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris,
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-idp-cookie-key'] },
    findAccount: (_ctx, id) => (people[id] ? { accountId: id, claims: () => ({ sub: id, ...claimsOf(id) }) } : undefined),
    claims: { openid: ['sub'], profile: ['name', 'roles', 'court'] },
    pkce: { required: () => true },
    ttl: { AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 600, Grant: 3600, Session: 3600, Interaction: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => resourceServer(audience),
      },
    },
    // The court's provider states role and court in the access token the API receives.
    extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId ? claimsOf(token.accountId) : undefined),
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer, clientId, clientSecret, audience,
    config: (consoleBase) => ({
      OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_AUDIENCE: audience,
      OIDC_REDIRECT_URI: `${consoleBase}/console/oidc/callback`, OIDC_ROLE_MAP: JSON.stringify(idpRoleMap),
    }),
    async accessToken(login, options = {}) {
      const client = await provider.Client.find(clientId);
      if (!client) throw new Error(`the test provider lost its client ${clientId}`);
      const aud = options.audience ?? audience;
      const grant = new provider.Grant({ accountId: login, clientId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(aud, 'openid profile');
      const token = new provider.AccessToken({
        accountId: login, client, scope: 'openid profile', gty: 'authorization_code', grantId: await grant.save(),
        resourceServer: new provider.ResourceServer(aud, resourceServer(aud, options.ttlSeconds)),
      });
      return token.save();
    },
    async idToken(login, options = {}) {
      return new SignJWT({ ...claimsOf(login), nonce: 'n-0S6_WzA2Mj', auth_time: Math.floor(Date.now() / 1000), ...options.claims })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: options.typ ?? 'JWT' })
        .setIssuer(issuer).setSubject(login).setAudience(clientId).setIssuedAt().setExpirationTime('10m')
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
