// Sign-in as courts do it: the court's identity provider (OpenID Connect) says who a person is; the
// API takes its access tokens as bearer tokens, the console signs people in with the authorization
// code flow (PKCE, state, nonce). openid-client does the protocol (discovery, the code grant, the ID
// token's checks); jose verifies access tokens against the provider's published keys, which it
// fetches and refreshes on a new key id. Which role and court a person has comes from the token's
// claims through the mapping in configuration (OIDC_* in infra/config.ts).
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { isLoopbackHost, staffRoles, type Config } from '../../infra/config';
import type { Actor, Role } from '../../workflows/shared/actor';

export type OidcConfig = Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_AUDIENCE' | 'OIDC_REDIRECT_URI'
  | 'OIDC_SCOPES' | 'OIDC_ACCESS_TOKEN_TYP' | 'OIDC_USER_CLAIM' | 'OIDC_NAME_CLAIM' | 'OIDC_ROLE_CLAIM' | 'OIDC_COURT_CLAIM' | 'OIDC_ROLE_MAP'>;

/** The court's identity provider as the API and console use it. */
export interface IdentityProvider {
  issuer: string;
  clientId: string;
  /** The `aud` the provider's access tokens must carry for this API (OIDC_AUDIENCE, else the client id). */
  audience: string;
  scopes: string;
  redirectUri?: string;
  /** The provider's metadata and the client's registration (discovered once, then kept). */
  client(): Promise<oidc.Configuration>;
  /**
   * Verifies an access token's signature, issuer, audience and type (RFC 9068 `typ` at+jwt, or
   * OIDC_ACCESS_TOKEN_TYP); the caller checks times and claims. Throws ClaimRefused for an ID token.
   */
  verify(token: string): Promise<JWTPayload>;
  /** The Actor a verified token's claims map to; throws an Error saying which claim is wrong. */
  actorOf(payload: JWTPayload): Actor;
}

/** The providers' identity problems a person can act on (the 401's message). */
export class ClaimRefused extends Error {}

function defaultRoleMap(): Record<string, Role> {
  return Object.fromEntries(staffRoles.map((r) => [r, r]));
}

function claimValues(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Maps the provider's claims to an Actor: user id, display name, the first mapped role the person holds, the court. */
export function actorFromClaims(payload: JWTPayload, settings: OidcConfig): Actor {
  const userId = claimValues(payload, settings.OIDC_USER_CLAIM)[0];
  if (!userId || userId.length > 64) throw new ClaimRefused(`身份声明 ${settings.OIDC_USER_CLAIM} 缺失或过长 (the ${settings.OIDC_USER_CLAIM} claim must name the user in 1–64 characters)`);
  const held = new Set(claimValues(payload, settings.OIDC_ROLE_CLAIM));
  const roleMap = settings.OIDC_ROLE_MAP ?? defaultRoleMap();
  const granted = Object.entries(roleMap).find(([name]) => held.has(name));
  if (!granted) {
    throw new ClaimRefused(`身份提供方未授予本系统角色 (no value of the ${settings.OIDC_ROLE_CLAIM} claim is mapped to a courtrelay role: held ${JSON.stringify([...held])}; OIDC_ROLE_MAP knows ${JSON.stringify(Object.keys(roleMap))})`);
  }
  const role = granted[1];
  const court = claimValues(payload, settings.OIDC_COURT_CLAIM)[0];
  if (!court && role !== 'administrator') throw new ClaimRefused(`身份声明缺少法院 (the ${settings.OIDC_COURT_CLAIM} claim is missing: court staff need a court)`);
  const name = claimValues(payload, settings.OIDC_NAME_CLAIM)[0];
  return { userId, role, ...(court ? { court } : {}), ...(name ? { displayName: name.slice(0, 64) } : {}) };
}

/** A JOSE `typ` without its optional "application/" prefix, lower case (RFC 7515 §4.1.9). */
function mediaType(typ: string | undefined): string | undefined {
  return typ?.toLowerCase().replace(/^application\//, '');
}

// Claims only an ID token carries (OpenID Connect Core §2, §3.1.3.6, §3.3.2.11); Keycloak marks
// its ID tokens with the claim typ "ID".
const idTokenClaims = ['nonce', 'at_hash', 'c_hash'] as const;

/**
 * Refuses a verified token that is not an access token: its header `typ` must be `expectedTyp`
 * (at+jwt, RFC 9068 §2.1, unless configured otherwise), and it must carry no ID-token claim. An ID
 * token is signed by the same provider and, with OIDC_AUDIENCE unset, names the client id as its
 * audience, so without this it passed as a bearer token for the API (OpenID Connect Core §2: an ID
 * token is for the client, not for resource servers). Throws ClaimRefused saying so.
 */
export function refuseIdToken(typ: string | undefined, payload: JWTPayload, expectedTyp: string): void {
  const idClaim = idTokenClaims.find((c) => payload[c] !== undefined) ?? (payload.typ === 'ID' ? 'typ' : undefined);
  if (idClaim !== undefined || mediaType(typ) !== mediaType(expectedTyp)) {
    throw new ClaimRefused(`这是身份令牌或其他令牌，不是访问令牌，不能用于访问本系统 (not an access token: header typ ${JSON.stringify(typ ?? null)}`
      + `${idClaim ? `, ID-token claim ${idClaim}` : ''}; expected typ ${expectedTyp} (RFC 9068). Send the access token, not the ID token)`);
  }
}

// Plain HTTP to the provider only on this machine (a provider started by the tests, a local one).
function discoveryOptions(issuer: URL): oidc.DiscoveryRequestOptions | undefined {
  return issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname.replace(/^\[|\]$/g, '')) ? { execute: [oidc.allowInsecureRequests] } : undefined;
}

function createIdentityProvider(settings: OidcConfig & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string }): IdentityProvider {
  const issuerUrl = new URL(settings.OIDC_ISSUER);
  let discovered: Promise<oidc.Configuration> | undefined;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const client = (): Promise<oidc.Configuration> => {
    discovered ??= oidc.discovery(
      issuerUrl, settings.OIDC_CLIENT_ID, undefined,
      settings.OIDC_CLIENT_SECRET ? oidc.ClientSecretBasic(settings.OIDC_CLIENT_SECRET) : oidc.None(), discoveryOptions(issuerUrl),
    ).catch((err: unknown) => {
      // Not cached: the provider may be back for the next request.
      discovered = undefined;
      throw err;
    });
    return discovered;
  };
  const audience = settings.OIDC_AUDIENCE ?? settings.OIDC_CLIENT_ID;
  const accessTokenTyp = settings.OIDC_ACCESS_TOKEN_TYP ?? 'at+jwt';
  return {
    issuer: settings.OIDC_ISSUER, clientId: settings.OIDC_CLIENT_ID, audience, scopes: settings.OIDC_SCOPES, redirectUri: settings.OIDC_REDIRECT_URI,
    client,
    async verify(token) {
      const metadata = (await client()).serverMetadata();
      if (!metadata.jwks_uri) throw new Error(`the identity provider ${settings.OIDC_ISSUER} publishes no jwks_uri`);
      keys ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
      const { payload, protectedHeader } = await jwtVerify(token, keys, { issuer: metadata.issuer, audience, requiredClaims: ['exp', 'iat', 'sub'] });
      refuseIdToken(protectedHeader.typ, payload, accessTokenTyp);
      return payload;
    },
    actorOf: (payload) => actorFromClaims(payload, settings),
  };
}

const providers = new Map<string, IdentityProvider>();

/**
 * The configured identity provider, or undefined when OIDC_ISSUER is unset. One per issuer, client
 * and mapping in the process, so discovery and the key set are fetched once however many routes ask.
 */
export function identityProviderFor(config: OidcConfig): IdentityProvider | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return undefined;
  const key = JSON.stringify([config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_AUDIENCE, config.OIDC_ACCESS_TOKEN_TYP, config.OIDC_USER_CLAIM, config.OIDC_NAME_CLAIM,
    config.OIDC_ROLE_CLAIM, config.OIDC_COURT_CLAIM, config.OIDC_ROLE_MAP, config.OIDC_REDIRECT_URI, config.OIDC_SCOPES]);
  let provider = providers.get(key);
  if (!provider) {
    provider = createIdentityProvider({ ...config, OIDC_ISSUER: config.OIDC_ISSUER, OIDC_CLIENT_ID: config.OIDC_CLIENT_ID });
    providers.set(key, provider);
  }
  return provider;
}
