// Bearer tokens: HS256 JWTs signed with JWT_SECRET, carrying the Actor (role, court, party's
// cases), or access tokens of the court's identity provider (./auth-oidc.ts), whose claims map to
// one. Every route but health, docs and sign-in needs one. A token must say when it was issued
// and when it expires, live no longer than TOKEN_MAX_LIFETIME_HOURS, and name a court of the
// court registry (migration 120): a stolen or hand-made token does not live for ever nor invent a court.
import type { Context, MiddlewareHandler } from 'hono';
import { decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import { z } from 'zod';
import type { Config } from '../../infra/config';
import { courtRegistry, type CourtRegistry } from './court-registry';
import { roles, type Actor, type Role } from '../../workflows/shared/actor';
import { authorize, permissionTable, type Action, type ProcessScope } from '../../workflows/shared/permissions';
import { ApiError } from './errors';
import { ClaimRefused, identityProviderFor, type IdentityProvider } from './auth-oidc';

/**
 * Who a verified token names, as its issuer knows them: `issuer` is courtrelay's own (`localIssuer`)
 * for tokens signed with JWT_SECRET, else the identity provider's; `subject` the token's `sub`. Two
 * issuers may use the same subject for different people (a court's OIDC user whose `sub` is
 * `admin`), so what belongs to a person (idempotency keys, Update IDs) is keyed by both.
 */
export interface Principal {
  issuer: string;
  subject: string;
}

export type AuthEnv = { Variables: { actor: Actor; principal: Principal } };

/** The issuer of the tokens courtrelay mints itself (JWT_SECRET). */
export const localIssuer = 'courtrelay';
const issuer = localIssuer;

export const actorSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  role: z.enum(roles).exclude(['system']),
  court: z.string().min(1).max(32).optional(),
  partyId: z.string().min(1).max(64).optional(),
  caseIds: z.array(z.string().min(1).max(128)).max(200).optional(),
  displayName: z.string().max(64).optional(),
}).refine((a) => a.role === 'party' || a.role === 'administrator' || a.court !== undefined, {
  message: '法院工作人员须属于一个法院 (court staff need a court)', path: ['court'],
}).refine((a) => a.role !== 'party' || a.partyId !== undefined, { message: '当事人须有当事人编号 (a party needs a partyId)', path: ['partyId'] });

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function mintToken(secret: string, actor: Actor, expiresIn = '12h'): Promise<string> {
  const claims = actorSchema.parse(actor);
  return new SignJWT({ actor: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(claims.userId)
    // exp before iat: each reads the clock, and a second that ticks between them must not make a
    // 12-hour token live 12 h 1 s (refused by the maximum lifetime, seen in a full test run).
    .setExpirationTime(expiresIn)
    .setIssuedAt()
    .sign(key(secret));
}

/** What a token is checked against: the key, the longest life allowed (seconds), the court registry, the court's identity provider. */
export interface TokenRules {
  secret: string;
  maxLifetimeSeconds: number;
  courts: CourtRegistry;
  idp?: IdentityProvider;
}

/** A token refused for a reason the caller can act on; the message is what the 401 says. */
export class TokenRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRefused';
  }
}

// Tolerated clock difference for iat (an issuer's clock a little ahead), in seconds; exp has none.
const clockSkewSeconds = 60;

/** The token's issuer, read before its signature is checked, only to choose the key to check it with. */
function claimedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    throw new TokenRefused('令牌无效 (invalid bearer token: not a JWT)');
  }
}

/** Signature, issuer, audience, `exp`, `iat`, `sub`: by JWT_SECRET, or by the identity provider's keys. */
async function verifiedPayload(rules: TokenRules, token: string): Promise<{ payload: JWTPayload; fromProvider: boolean }> {
  const fromProvider = rules.idp !== undefined && claimedIssuer(token) !== issuer;
  try {
    if (fromProvider) return { payload: await rules.idp!.verify(token), fromProvider };
    const { payload } = await jwtVerify(token, key(rules.secret), { issuer, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'] });
    return { payload, fromProvider };
  } catch (err) {
    if (err instanceof ClaimRefused) throw new TokenRefused(err.message);
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ERR_JWT_EXPIRED') throw new TokenRefused('令牌已过期，请重新登录 (the bearer token has expired: sign in again)');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
      const expected = fromProvider ? ` (expected issuer ${rules.idp!.issuer}, audience ${rules.idp!.audience})` : '';
      throw new TokenRefused(`令牌声明无效 (bearer token claim refused: ${(err as Error).message}${expected})`);
    }
    if (code.startsWith('ERR_J') || err instanceof TokenRefused) {
      throw new TokenRefused(`令牌无效 (invalid bearer token: bad signature, issuer or format${fromProvider ? `; expected one of ${rules.idp!.issuer} for audience ${rules.idp!.audience}` : ''})`);
    }
    // The provider's discovery or key set could not be fetched: not the caller's fault.
    throw new ApiError(503, { error: 'IdentityProviderUnavailable', message: `身份认证服务暂不可用 (the identity provider cannot be reached: ${(err as Error).message.slice(0, 160)})` });
  }
}

function actorOf(rules: TokenRules, payload: JWTPayload, fromProvider: boolean): Actor {
  if (fromProvider) {
    try {
      return rules.idp!.actorOf(payload);
    } catch (err) {
      if (err instanceof ClaimRefused) throw new TokenRefused(err.message);
      throw err;
    }
  }
  const parsed = actorSchema.safeParse(payload.actor);
  if (!parsed.success) throw new TokenRefused(`令牌身份信息无效 (the token's actor claim is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  return parsed.data as Actor;
}

/**
 * The Actor a token carries, after checking signature, issuer, `exp` and `iat` (both required),
 * `iat` not in the future, `exp - iat` within `rules.maxLifetimeSeconds`, and the court a court of
 * the registry. A token of the identity provider (any issuer but courtrelay's, when one is
 * configured) must also name the API's audience, and its claims are mapped to the Actor. Throws
 * TokenRefused naming the rule broken (Chinese and English); ApiError 503 when the provider is unreachable.
 */
export async function verifyToken(rules: TokenRules, token: string): Promise<Actor> {
  return (await verifyIdentity(rules, token)).actor;
}

/** verifyToken, with the token's issuer and subject (see Principal). */
export async function verifyIdentity(rules: TokenRules, token: string): Promise<{ actor: Actor; principal: Principal }> {
  const { payload, fromProvider } = await verifiedPayload(rules, token);
  const now = Date.now() / 1000;
  const { iat, exp } = payload as { iat: number; exp: number };
  if (iat > now + clockSkewSeconds) throw new TokenRefused('令牌签发时间在未来 (the token\'s iat is in the future)');
  if (exp - iat > rules.maxLifetimeSeconds) {
    throw new TokenRefused(`令牌有效期过长 (the token lives ${Math.round((exp - iat) / 3600)} h; at most ${rules.maxLifetimeSeconds / 3600} h are accepted)`);
  }
  const actor = actorOf(rules, payload, fromProvider);
  if (actor.court !== undefined && !(await rules.courts.has(actor.court))) {
    throw new TokenRefused(`未知法院 (court ${actor.court} is not in the court registry)`);
  }
  // Both issuers' tokens are verified with `sub` required; a local token's is its user id.
  return { actor, principal: { issuer: fromProvider ? String(payload.iss) : localIssuer, subject: String(payload.sub) } };
}

/** The token rules of a deployment: its configured key and lifetime, its database's court registry. */
export function tokenRules(deps: { config: Config; pool: pg.Pool }): TokenRules {
  const idp = identityProviderFor(deps.config);
  return {
    secret: deps.config.JWT_SECRET, maxLifetimeSeconds: deps.config.TOKEN_MAX_LIFETIME_HOURS * 3600, courts: courtRegistry(deps.pool),
    ...(idp ? { idp } : {}),
  };
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, { error: 'Unauthorized', message });
}

/**
 * Verifies `Authorization: Bearer <jwt>` (RFC 6750: one space or tab, then the token68 characters)
 * and puts the Actor in the context as `actor` and its issuer and subject as `principal`, once a
 * request; a 401 saying why otherwise.
 */
export async function identify(c: Context<AuthEnv>, rules: TokenRules): Promise<Actor> {
  const known = c.get('actor');
  if (known) return known;
  const header = c.req.header('authorization');
  const token = header?.match(/^Bearer[ \t]+([A-Za-z0-9_.~+/=-]+)[ \t]*$/i)?.[1];
  if (!token) throw unauthorized('缺少令牌 (missing bearer token: send Authorization: Bearer <token>)');
  try {
    const { actor, principal } = await verifyIdentity(rules, token);
    c.set('actor', actor);
    c.set('principal', principal);
    return actor;
  } catch (err) {
    if (err instanceof TokenRefused) throw unauthorized(err.message);
    throw err;
  }
}

/** Route middleware: the request's Actor from its bearer token (see identify). */
export function authenticate(deps: Parameters<typeof tokenRules>[0]): MiddlewareHandler<AuthEnv> {
  const rules = tokenRules(deps);
  return async function authenticateBearer(c, next) {
    await identify(c, rules);
    await next();
  };
}

/** Name of the OpenAPI security scheme (HTTP bearer, JWT) every guarded route declares. */
export const bearerScheme = 'bearerAuth';

/**
 * OpenAPI fields for a route that needs a token and is governed by `action` of the permission
 * table: spread into createRoute. The table-driven permission test reads `x-courtrelay-action`
 * from /openapi.json, so every such route is tested under every role.
 */
export function guardedBy(action: Action): { security: Array<Record<string, string[]>>; 'x-courtrelay-action': Action } {
  return { security: [{ [bearerScheme]: [] }], 'x-courtrelay-action': action };
}

/** The permission check in the API: a 403 carrying the table's reason when the actor may not. */
export function ensureAllowed(actor: Actor, action: Action, process?: ProcessScope): void {
  const decision = authorize(actor, action, process);
  if (!decision.allowed) throw new ApiError(403, { error: 'Forbidden', message: `无权操作 (forbidden: ${decision.reason})` });
}

/**
 * Route middleware for acts on one process, run before the body is read: a role the table gives
 * no row for any of `actions` is refused at once; the court or case scope is checked where the
 * process is known (the workflow's Update validator).
 */
export function requireRoleFor(...actions: Action[]): MiddlewareHandler<AuthEnv> {
  return async function requireRole(c, next) {
    c.set('act', actions.join('|'));
    const actor = c.get('actor') as AuthEnv['Variables']['actor'] | undefined;
    // A route mounted without `authenticate` must refuse, not fail: no actor is no sign-in.
    if (!actor) throw new ApiError(401, { error: 'Unauthorized', message: '请先登录 (sign in first: this route needs a bearer token)' });
    const rows = actions.map((action) => permissionTable[action] as Partial<Record<Role, unknown>>);
    if (!rows.some((row) => row[actor.role] !== undefined)) {
      throw new ApiError(403, { error: 'Forbidden', message: `无权操作 (forbidden: ${actor.role} may not ${actions.join(' / ')})` });
    }
    await next();
  };
}

/** Middleware for actions that name no process: the role must hold the action 'anywhere'. */
export function requireAction(action: Action): MiddlewareHandler<AuthEnv> {
  return async function requirePermission(c, next) {
    c.set('act', action);
    ensureAllowed(c.get('actor'), action);
    await next();
  };
}
