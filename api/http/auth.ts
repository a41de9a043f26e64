// Bearer tokens: HS256 JWTs signed with JWT_SECRET, carrying the Actor (role, court, party's
// cases). Every route but health, docs and sign-in needs one.
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { roles, type Actor, type Role } from '../../workflows/shared/actor';
import { authorize, permissionTable, type Action, type ProcessScope } from '../../workflows/shared/permissions';
import { ApiError } from './errors';

export type AuthEnv = { Variables: { actor: Actor } };

const issuer = 'courtrelay';

export const actorSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  role: z.enum(roles).exclude(['system']),
  court: z.string().min(1).max(32).optional(),
  partyId: z.string().min(1).max(64).optional(),
  caseIds: z.array(z.string().min(1).max(128)).max(200).optional(),
  displayName: z.string().max(64).optional(),
}).refine((a) => a.role === 'party' || a.role === 'administrator' || a.court !== undefined, {
  message: 'court staff need a court', path: ['court'],
}).refine((a) => a.role !== 'party' || a.partyId !== undefined, { message: 'a party needs a partyId', path: ['partyId'] });

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function mintToken(secret: string, actor: Actor, expiresIn = '12h'): Promise<string> {
  const claims = actorSchema.parse(actor);
  return new SignJWT({ actor: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Actor> {
  const { payload } = await jwtVerify(token, key(secret), { issuer, algorithms: ['HS256'] });
  return actorSchema.parse(payload.actor) as Actor;
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, { error: 'Unauthorized', message });
}

/** Reads `Authorization: Bearer <jwt>` and puts the Actor in the context as `actor`. */
export function authenticate(secret: string): MiddlewareHandler<AuthEnv> {
  return async function authenticateBearer(c, next) {
    // Sub-apps mounted on the same paths each register this; the token is verified once a request.
    if (c.get('actor')) return next();
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthorized('missing bearer token: send Authorization: Bearer <token>');
    try {
      c.set('actor', await verifyToken(secret, token));
    } catch {
      throw unauthorized('invalid or expired bearer token');
    }
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
  if (!decision.allowed) throw new ApiError(403, { error: 'Forbidden', message: `无权操作 (forbidden): ${decision.reason}` });
}

/**
 * Route middleware for acts on one process, run before the body is read: a role the table gives
 * no row for any of `actions` is refused at once; the court or case scope is checked where the
 * process is known (the workflow's Update validator).
 */
export function requireRoleFor(...actions: Action[]): MiddlewareHandler<AuthEnv> {
  return async function requireRole(c, next) {
    const actor = c.get('actor');
    const rows = actions.map((action) => permissionTable[action] as Partial<Record<Role, unknown>>);
    if (!rows.some((row) => row[actor.role] !== undefined)) {
      throw new ApiError(403, { error: 'Forbidden', message: `无权操作 (forbidden): ${actor.role} may not ${actions.join(' / ')}` });
    }
    await next();
  };
}

/** Middleware for actions that name no process: the role must hold the action 'anywhere'. */
export function requireAction(action: Action): MiddlewareHandler<AuthEnv> {
  return async function requirePermission(c, next) {
    ensureAllowed(c.get('actor'), action);
    await next();
  };
}
