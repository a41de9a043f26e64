// The console's sign-in: the identity is the same JWT the API accepts, kept in a signed, HttpOnly
// cookie. Every page reads the Actor back from it; every form sends it on as a bearer token, so the
// console can do nothing the API would not let the same person do.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Actor } from '../../workflows/shared/actor';
import { mintToken, verifyToken, type TokenRules } from '../http/auth';

export const sessionCookie = 'courtrelay_console';
const sessionHours = 12;

export type ConsoleEnv = { Variables: { actor: Actor; token: string } };

function cookieOptions(c: Context, hours: number) {
  return {
    path: '/console',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: hours * 3600,
  };
}

/** Signs `actor` in for 12 hours, or the configured token lifetime when shorter. */
export async function signIn(c: Context, rules: TokenRules, actor: Actor): Promise<void> {
  const hours = Math.min(sessionHours, rules.maxLifetimeSeconds / 3600);
  const token = await mintToken(rules.secret, actor, `${hours}h`);
  await setSignedCookie(c, sessionCookie, token, rules.secret, cookieOptions(c, hours));
}

export function signOut(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/console' });
}

/** Pages behind sign-in: no valid cookie sends the person to the sign-in page. */
export function requireSession(rules: TokenRules): MiddlewareHandler<ConsoleEnv> {
  return async function consoleSession(c, next) {
    const token = await getSignedCookie(c, rules.secret, sessionCookie);
    if (token) {
      try {
        c.set('actor', await verifyToken(rules, token));
        c.set('token', token);
        return next();
      } catch {
        signOut(c);
      }
    }
    return c.redirect(`/console/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
  };
}

/**
 * Forms post with the cookie; a page on another site must not be able to post them for the
 * signed-in person. SameSite=Lax already stops cross-site POSTs in browsers; this refuses any
 * POST whose Origin names another host as well.
 */
export function sameOriginPosts(): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    if (c.req.method === 'POST') {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && new URL(origin).host !== new URL(c.req.url).host) {
        return c.text('跨站提交被拒绝 (cross-site form post refused)', 403);
      }
    }
    return next();
  };
}
