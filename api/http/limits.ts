// Hostile input at the door, before any route: a body larger than the limit is a 413, a body that
// is not JSON a 415, JSON that does not parse (or nests absurdly deep) a 400 — each a JSON error
// saying what was wrong; so is a NUL character in the URL or the JSON (PostgreSQL text cannot
// hold one). Routes then validate the parsed body with their zod schema.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { ApiError } from './errors';
import { HeaderProblem, parseMediaType } from './headers';

export const maxBodyBytes = 64 * 1024;
export const maxJsonDepth = 32;

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// application/json or application/<x>+json (RFC 6839; <x> letters, dots and hyphens, as the route validators read it),
// optionally with charset=utf-8 and no other parameter.
const jsonEssence = /^application\/(?:[a-z.-]+\+)?json$/;

function tooLarge(): never {
  throw new ApiError(413, {
    error: 'PayloadTooLarge',
    message: `请求体过大，最多${maxBodyBytes / 1024} KiB (request body larger than ${maxBodyBytes} bytes: send at most ${maxBodyBytes / 1024} KiB of JSON)`,
  });
}

const nul = '\u0000';
// A UTF-16 surrogate without its partner: JSON can spell one ("\ud800"), UTF-8 cannot, so
// PostgreSQL (UTF-8 text, jsonb) and Temporal's payloads (protobuf strings are UTF-8) would refuse
// it or store U+FFFD instead: what was stored would not be what was said.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds an unpaired UTF-16 surrogate (UTF-8 cannot encode one). */
export function hasLoneSurrogate(text: string): boolean {
  return loneSurrogate.test(text);
}

type Inspection = { depth: number; hasNul: boolean; surrogateAt?: string };

/**
 * How deep the JSON nests, whether any key or string holds a NUL (PostgreSQL text cannot), and the
 * first field (dotted path, as validation names fields) whose key or text holds a lone surrogate.
 */
function inspect(value: unknown): Inspection {
  let depth = 0;
  let surrogateAt: string | undefined;
  const stack: Array<[unknown, number, string[]]> = [[value, 1, []]];
  while (stack.length) {
    const [node, level, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes(nul)) return { depth, hasNul: true };
      if (surrogateAt === undefined && hasLoneSurrogate(node)) surrogateAt = fieldName(path);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    depth = Math.max(depth, level);
    if (depth > maxJsonDepth) return { depth, hasNul: false };
    for (const [key, child] of Object.entries(node)) {
      if (key.includes(nul)) return { depth, hasNul: true };
      if (surrogateAt === undefined && hasLoneSurrogate(key)) surrogateAt = fieldName([...path, key]);
      stack.push([child, level + 1, [...path, key]]);
    }
  }
  return { depth, hasNul: false, ...(surrogateAt === undefined ? {} : { surrogateAt }) };
}

/** A field as the 422's `fields` name it; a lone surrogate in a key shows as U+FFFD, so the name itself is readable. */
function fieldName(path: string[]): string {
  return path.length ? path.join('.').replace(new RegExp(loneSurrogate.source, 'g'), '\uFFFD') : '(body)';
}

/** 422 naming the field (as zod's refusals do): it is the content of one field that cannot be kept. */
export function loneSurrogateRefused(field: string): ApiError {
  const message = '含有无法保存的字符（不成对的UTF-16代理项，如\\ud800），请删除后重新填写 '
    + '(contains an unpaired UTF-16 surrogate such as \\ud800, which cannot be stored)';
  return new ApiError(422, { error: 'ValidationFailed', message: `请求内容有误 (invalid request): ${field}: ${message}`, fields: [{ field, message }] });
}

function nulRefused(where: string): ApiError {
  return new ApiError(400, { error: 'BadRequest', message: `${where}含有空字符 (contains a NUL character, \\u0000, which is not allowed)` });
}

/** 400 for a NUL in the path or query: no identifier or filter holds one, and PostgreSQL refuses it. */
export function refuseNulInUrl(): MiddlewareHandler {
  return async function noNulInUrl(c, next) {
    const url = c.req.url;
    if (/%00/i.test(url) || url.includes(nul)) throw nulRefused('请求地址 (the URL) ');
    await next();
  };
}

function hasBody(headers: Headers, body: ReadableStream | null): boolean {
  const length = headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  return body !== null;
}

function unsupported(type: string | undefined, why: string): ApiError {
  return new ApiError(415, {
    error: 'UnsupportedMediaType',
    message: `不支持的内容类型，请以 Content-Type: application/json 发送 UTF-8 编码的 JSON (unsupported content type ${JSON.stringify(type ?? '(none)')}: ${why}; send Content-Type: application/json with a UTF-8 JSON body)`,
  });
}

/** A request header that does not parse by its standard: 400 naming the header. */
export function badHeader(problem: HeaderProblem): ApiError {
  return new ApiError(400, { error: 'BadHeader', message: problem.message });
}

/**
 * The body's media type by RFC 9110 (type/subtype; parameters), or a 400 when the header does
 * not parse; undefined when absent.
 */
export function requestMediaType(type: string | undefined): ReturnType<typeof parseMediaType> | undefined {
  if (type === undefined) return undefined;
  try {
    return parseMediaType(type);
  } catch (err) {
    if (err instanceof HeaderProblem) throw badHeader(err);
    throw err;
  }
}

/** 415 unless a request that carries a body says it is UTF-8 JSON; 400 for a Content-Type that does not parse. */
export function requireJsonContentType(): MiddlewareHandler {
  return async function jsonContentTypeOnly(c, next) {
    if (!methodsWithBody.has(c.req.method) || !hasBody(c.req.raw.headers, c.req.raw.body)) return next();
    const type = c.req.header('content-type');
    const media = requestMediaType(type);
    if (!media) throw unsupported(type, 'no Content-Type');
    if (!jsonEssence.test(media.essence)) throw unsupported(type, `${media.essence} is not JSON`);
    for (const [name, value] of media.params) {
      if (name !== 'charset') throw unsupported(type, `parameter ${name} is not understood`);
      if (value.toLowerCase() !== 'utf-8') throw unsupported(type, `charset ${value} is not UTF-8`);
    }
    // The route validators match one spelling (no space before ";", no empty parameter, unquoted):
    // what RFC 9110 allows otherwise is handed on in that spelling rather than refused there.
    try {
      c.req.raw.headers.set('content-type', media.params.size ? `${media.essence}; charset=utf-8` : media.essence);
    } catch {
      // Immutable headers (another server adapter): the route's own content-type check answers 415.
    }
    await next();
  };
}

/** 400 with the parser's reason when a JSON body does not parse or nests deeper than allowed. */
export function strictJson(): MiddlewareHandler {
  return async function parseJsonStrictly(c, next) {
    if (!methodsWithBody.has(c.req.method) || !hasBody(c.req.raw.headers, c.req.raw.body)) return next();
    // c.req caches the text: the route's validator parses the same bytes again.
    const text = await c.req.text();
    if (text.trim() === '') return next();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new ApiError(400, {
        error: 'MalformedJson',
        message: `请求体不是合法的 JSON (request body is not valid JSON: ${(err as Error).message.slice(0, 200)})`,
      });
    }
    const { depth, hasNul, surrogateAt } = inspect(parsed);
    if (depth > maxJsonDepth) {
      throw new ApiError(400, { error: 'MalformedJson', message: `请求体嵌套层级过深，JSON 最多${maxJsonDepth}层 (JSON nested deeper than ${maxJsonDepth} levels)` });
    }
    if (hasNul) throw nulRefused('请求体 (the JSON body) ');
    if (surrogateAt !== undefined) throw loneSurrogateRefused(surrogateAt);
    await next();
  };
}

/** In order: NUL in the URL, size (before anything reads the body), content type, JSON syntax. */
export function hostileInputLimits(): MiddlewareHandler {
  return every(refuseNulInUrl(), bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge }), requireJsonContentType(), strictJson());
}
