// Request headers read by their standards, never by a hopeful regex or a constructor that throws:
// media types with parameters (RFC 9110 §8.3.1, §5.6.6), Origin (RFC 6454 §7). A malformed header
// is a HeaderProblem the caller answers with a 4xx naming the header, never an exception that
// becomes a 500.

/** What is wrong with a header, in words for the person who sent it. */
export class HeaderProblem extends Error {
  constructor(readonly header: string, reason: string) {
    super(`请求头 ${header} 格式错误 (malformed ${header} header: ${reason})`);
    this.name = 'HeaderProblem';
  }
}

// RFC 9110 §5.6.2: tchar.
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface MediaType {
  /** type/subtype, lower-cased. */
  essence: string;
  /** Parameter names lower-cased; values unquoted (case kept). */
  params: Map<string, string>;
}

/**
 * Parses `type/subtype *( OWS ";" OWS name=value )` where value is a token or a quoted-string.
 * Throws HeaderProblem for anything else, including a parameter given twice.
 */
export function parseMediaType(value: string, header = 'Content-Type'): MediaType {
  let rest = value.trim();
  const end = rest.search(/[;\s]/);
  const essence = (end === -1 ? rest : rest.slice(0, end)).toLowerCase();
  const [type, subtype, extra] = essence.split('/');
  if (extra !== undefined || !type || !subtype || !token.test(type) || !token.test(subtype)) {
    throw new HeaderProblem(header, `expected type/subtype, got ${JSON.stringify(value.slice(0, 80))}`);
  }
  rest = end === -1 ? '' : rest.slice(end);
  const params = new Map<string, string>();
  while ((rest = rest.replace(/^[ \t]*/, '')) !== '') {
    if (!rest.startsWith(';')) throw new HeaderProblem(header, `expected ";" before ${JSON.stringify(rest.slice(0, 40))}`);
    rest = rest.slice(1).replace(/^[ \t]*/, '');
    if (rest === '') break; // a trailing ";" (RFC 9110 allows empty parameters)
    const name = rest.match(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+/)?.[0];
    if (!name || rest[name.length] !== '=') throw new HeaderProblem(header, `expected name=value at ${JSON.stringify(rest.slice(0, 40))}`);
    rest = rest.slice(name.length + 1);
    let paramValue: string;
    if (rest.startsWith('"')) {
      // quoted-string: qdtext or a quoted-pair (backslash and one visible character)
      const quoted = rest.match(/^"((?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*)"/);
      if (!quoted) throw new HeaderProblem(header, `unterminated or invalid quoted value of ${name}`);
      paramValue = quoted[1]!.replace(/\\(.)/g, '$1');
      rest = rest.slice(quoted[0].length);
    } else {
      paramValue = rest.match(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+/)?.[0] ?? '';
      if (!paramValue) throw new HeaderProblem(header, `parameter ${name} has no value`);
      rest = rest.slice(paramValue.length);
    }
    const key = name.toLowerCase();
    if (params.has(key)) throw new HeaderProblem(header, `parameter ${key} given twice`);
    params.set(key, paramValue);
  }
  return { essence, params };
}

/** An Origin header (RFC 6454 §7): `null`, or scheme://host[:port] with nothing after. */
export type Origin = { opaque: true } | { opaque: false; scheme: string; host: string };

export function parseOrigin(value: string): Origin {
  const trimmed = value.trim();
  if (trimmed === 'null') return { opaque: true };
  const match = trimmed.match(/^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::(\d{1,5}))?$/);
  if (!match) throw new HeaderProblem('Origin', `expected scheme://host[:port] or null, got ${JSON.stringify(trimmed.slice(0, 80))}`);
  const [, scheme, host, port] = match;
  if (port !== undefined && Number(port) > 65535) throw new HeaderProblem('Origin', `port ${port} is out of range`);
  return { opaque: false, scheme: scheme!.toLowerCase(), host: `${host!.toLowerCase()}${port === undefined ? '' : `:${port}`}` };
}
