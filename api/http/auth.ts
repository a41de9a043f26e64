// Bearer tokens: HS256 JWTs signed with JWT_SECRET, carrying the Actor (role, court, party's
// cases). Every route but health, docs and sign-in needs one.
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { roles, type Actor } from '../../workflows/shared/actor';
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
