// The console's sign-in through the court's identity provider: the authorization code flow with
// PKCE, state and nonce (openid-client), the checks kept in a short-lived signed cookie between
// leaving for the provider and coming back. The session then holds the provider's access token,
// which every form sends on to the API like any bearer token.
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { Actor } from '../../workflows/shared/actor';
import type { IdentityProvider } from '../http/auth-oidc';
import { TokenRefused, verifyToken, type TokenRules } from '../http/auth';

const flowCookie = 'courtrelay_oidc';
const flowPath = '/console/oidc';
// Long enough to type a password and pass a second factor at the provider.
const flowMinutes = 10;

interface FlowChecks {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

/** Sign-in through the provider failed; the message is what the sign-in page says. */
export class OidcSignInFailed extends Error {}

function redirectUri(c: Context, idp: IdentityProvider): string {
  return idp.redirectUri ?? new URL('/console/oidc/callback', c.req.url).toString();
}

function resourceParameter(idp: IdentityProvider): Record<string, string> {
  // RFC 8707: the API the access token is for, when it is named by an absolute URI.
  return URL.canParse(idp.audience) ? { resource: idp.audience } : {};
}

/** Sends the browser to the provider, `next` (a console path) to return to afterwards. */
export async function startOidcSignIn(c: Context, idp: IdentityProvider, cookieSecret: string, next: string): Promise<Response> {
  const client = await idp.client();
  const checks: FlowChecks = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), next };
  const url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: redirectUri(c, idp), scope: idp.scopes, response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier), code_challenge_method: 'S256',
    state: checks.state, nonce: checks.nonce, ...resourceParameter(idp),
  });
  await setSignedCookie(c, flowCookie, JSON.stringify(checks), cookieSecret, {
    path: flowPath, httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:', maxAge: flowMinutes * 60,
  });
  return c.redirect(url.toString(), 302);
}

/**
 * The provider's answer at the callback: the code exchanged for tokens (state, nonce and PKCE
 * checked by openid-client), the access token verified as the API verifies it. Returns the token,
 * the Actor it maps to and where to go next; throws OidcSignInFailed saying why not.
 */
export async function finishOidcSignIn(
  c: Context, idp: IdentityProvider, rules: TokenRules,
): Promise<{ token: string; actor: Actor; next: string }> {
  const stored = await getSignedCookie(c, rules.secret, flowCookie);
  deleteCookie(c, flowCookie, { path: flowPath });
  if (!stored) throw new OidcSignInFailed('登录已超时或未从本系统发起，请重新登录');
  const checks = JSON.parse(stored) as FlowChecks;
  const providerError = c.req.query('error');
  if (providerError) throw new OidcSignInFailed(`身份认证未通过 (the identity provider answered ${providerError}: ${c.req.query('error_description') ?? ''})`);
  const current = new URL(redirectUri(c, idp));
  current.search = new URL(c.req.url).search;
  let tokens;
  try {
    tokens = await oidc.authorizationCodeGrant(await idp.client(), current,
      { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
      resourceParameter(idp));
  } catch (err) {
    throw new OidcSignInFailed(`身份认证未通过 (the code exchange failed: ${(err as Error).message.slice(0, 200)})`);
  }
  try {
    const actor = await verifyToken(rules, tokens.access_token);
    return { token: tokens.access_token, actor, next: checks.next };
  } catch (err) {
    if (err instanceof TokenRefused) throw new OidcSignInFailed(`身份认证通过，但不能使用本系统 (${err.message})`);
    throw err;
  }
}
