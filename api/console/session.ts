// The console's sign-in: the identity is the same JWT the API accepts (one courtrelay mints for a
// demo person, or the court's identity provider's access token), kept in a signed, HttpOnly cookie. Every page reads the Actor back from it; every form sends it on as a bearer token, so the
// console can do nothing the API would not let the same person do.
import type { Context, MiddlewareHandler } from 'hono';
import { decodeJwt } from 'jose';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Actor } from '../../workflows/shared/actor';
import { ApiError } from '../http/errors';
import { mintToken, verifyToken, type TokenRules } from '../http/auth';
import { HeaderProblem, parseOrigin } from '../http/headers';
import { badHeader, requestMediaType } from '../http/limits';

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

/** Signs in with a token already verified (the identity provider's): the session ends when the token does. */
export async function signInWithToken(c: Context, rules: TokenRules, token: string): Promise<void> {
  const seconds = Math.max(1, Math.floor((decodeJwt(token).exp ?? 0) - Date.now() / 1000));
  await setSignedCookie(c, sessionCookie, token, rules.secret, { ...cookieOptions(c, 0), maxAge: seconds });
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
 * POST whose Origin names another host as well, and a malformed Origin with a 400.
 */
export function sameOriginPosts(): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    if (c.req.method === 'POST') {
      const header = c.req.header('origin');
      let origin;
      try {
        origin = header === undefined ? undefined : parseOrigin(header);
      } catch (err) {
        if (err instanceof HeaderProblem) throw badHeader(err);
        throw err;
      }
      if (origin && !origin.opaque && origin.host !== new URL(c.req.url).host) {
        return c.text('跨站提交被拒绝 (cross-site form post refused)', 403);
      }
    }
    return next();
  };
}

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The console's forms are urlencoded (or multipart with a boundary): anything else is a 415, a
 * Content-Type that does not parse a 400, before a form parser can throw on it.
 */
export function formPostsOnly(): MiddlewareHandler {
  return async function formsOnly(c, next) {
    if (c.req.method === 'POST') {
      const type = c.req.header('content-type');
      const media = requestMediaType(type);
      if (media && !formTypes.has(media.essence)) {
        throw new ApiError(415, { error: 'UnsupportedMediaType', message: `表单类型不支持 (unsupported form content type ${media.essence}): post application/x-www-form-urlencoded` });
      }
      // Forms are posted in UTF-8 (the pages say so); another charset would be read as UTF-8 and garble names.
      const charset = media?.params.get('charset');
      if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
        throw new ApiError(415, { error: 'UnsupportedMediaType', message: `表单字符集不支持 (charset ${charset} is not UTF-8): post the form in UTF-8` });
      }
      const boundary = media?.params.get('boundary');
      if (media?.essence === 'multipart/form-data' && (!boundary || !/^[0-9A-Za-z'()+_,./:=? -]{1,70}$/.test(boundary) || boundary.endsWith(' '))) {
        throw badHeader(new HeaderProblem('Content-Type', 'multipart/form-data needs a boundary of 1–70 characters (RFC 2046 §5.1.1)'));
      }
      // Parsed once here (hono keeps it for the route): a body that does not match its type is a 400, not a 500.
      if (media) {
        let form: Record<string, unknown>;
        try {
          form = await c.req.parseBody();
        } catch (err) {
          throw new ApiError(400, { error: 'MalformedForm', message: `表单内容无法解析 (the form body does not match its Content-Type: ${(err as Error).message.slice(0, 120)})` });
        }
        // PostgreSQL text cannot hold a NUL: refused here, naming the field, as the API refuses it in JSON.
        for (const [name, value] of Object.entries(form)) {
          const texts = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : v instanceof File ? v.name : ''));
          if (name.includes('\u0000') || texts.some((t) => t.includes('\u0000'))) {
            throw new ApiError(400, { error: 'BadRequest', message: `表单字段 ${name.replaceAll('\u0000', '')} 含有空字符 (contains a NUL character, which is not allowed)` });
          }
        }
      }
    }
    return next();
  };
}
