import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/shared/ids';
import type { User } from '../../src/store/repositories/users';
import { startSession } from '../../src/usecases/auth/steps/startSession';
import { createUser, createWorkspace, signedInWorkspace } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { addCustomer } from '../mergeFixtures';

/**
 * Property: whatever a caller sends to any route of the API, Braid never answers 5xx, and a
 * request it refuses (4xx) changes nothing in the database.
 *
 * The routes are read from the running app's /api/openapi.json, so a new route is covered without
 * touching this file. Requests go to the routes in a random order, as an anonymous caller, an
 * agent and an admin, with path parameters that are real ids of a seeded workspace (and of
 * another workspace) or hostile strings, and query parameters and bodies shaped like each route's
 * schema (routes whose body schema is open get an example taken from the API's own answers).
 * A request is plausible (text Braid must store as it is: SQL, HTML, `%` and `_`, unusual
 * Unicode), plausible but for one bad value (a control character or NUL, text too long for any
 * field, a forged page cursor, a number past any column), or hostile throughout (wrong types,
 * extra fields, bodies that are random JSON, deeply nested, too large or not JSON). Afterwards
 * every read route is asked for every real id again, so a stored value that breaks a read shows.
 *
 * After every refused request every table is read again and compared with its rows before.
 * One exception: a refused sign-in writes to sign_in_checks, on purpose (failed sign-ins are
 * counted to limit guessing), so that table is left out of the comparison for the sign-in route.
 * No column is volatile here: the test clock stands still, so sessions are never touched.
 *
 * PROPERTY_RUNS (default 3) is the number of requests per route and caller; PROPERTY_ROUTES, a
 * regular expression, narrows the routes (matched against "METHOD /path") for a longer look at a few.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 3);
const ROUTES = new RegExp(process.env.PROPERTY_ROUTES ?? '');

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}
type JsonSchema = Record<string, any>;
type Caller = 'anonymous' | 'agent' | 'admin';

let braid: TestBraid;
let operations: Operation[];
/** Real ids by the resource they name (the path segment before `{id}`), from the seeded workspace and another one. */
let realIds: Record<string, string[]>;
const cookies: Record<Caller, string> = { anonymous: '', agent: '', admin: '' };
const users = {} as Record<'agent' | 'admin', User>;
/** Bodies of routes whose schema leaves the body open (the use case checks it whole): taken from the API's own answers. */
const exampleBodies: Record<string, unknown> = {};

beforeAll(async () => {
  braid = await startTestBraid();
  const ws = await signedInWorkspace(braid);
  users.agent = ws.agent;
  users.admin = ws.admin;
  await mintSession('agent');
  await mintSession('admin');

  const other = await createWorkspace(braid.ctx);
  const extraAgent = await createUser(braid.ctx, ws.workspace.id, 'agent');
  const ana = await addCustomer(braid.ctx, ws.instagram, { name: '100% cotton', username: 'ana_2' });
  const bea = await addCustomer(braid.ctx, ws.instagram, { name: 'Bea', username: 'bea' });
  const wa = await addCustomer(braid.ctx, ws.whatsapp, { name: 'Ana WhatsApp', phone: '351912345678' });
  const stranger = await addCustomer(braid.ctx, other.instagram, { name: 'Stranger' });
  const merged = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/merge`, { with: wa.contact.id });
  expect(merged.status, merged.text).toBe(200);
  const automations = (await ws.adminApi.get('/api/automations')).body.automations as Record<string, unknown>[];
  const { id: _id, channelId: _channel, createdAt: _c, updatedAt: _u, ...automation } = automations[0];
  exampleBodies['POST /api/automations'] = automation;
  exampleBodies['PATCH /api/automations/{id}'] = automation;
  const customers = [ana, bea, wa, stranger];
  realIds = {
    contacts: customers.map((c) => c.contact.id),
    conversations: customers.map((c) => c.conversation.id),
    automations: automations.map((a) => a.id as string),
    channels: [ws.instagram.id, ws.whatsapp.id, other.instagram.id],
    // Not the signed-in agent and admin: changing their role or disabling them would end the run's sessions.
    users: [extraAgent.id, other.agent.id],
    merges: [merged.body.merge.id],
  };

  const doc = await (await fetch(`${braid.url}/api/openapi.json`)).json();
  operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries<any>(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name),
      query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => ({ name: p.name, schema: p.schema })),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
});
afterAll(async () => {
  await braid?.close();
});

/** A session of the caller's own, made directly (signing in over HTTP would count against the sign-in limits). */
async function mintSession(caller: 'agent' | 'admin') {
  const token = await startSession(braid.ctx.store.repos, users[caller], braid.clock.now());
  cookies[caller] = `braid_session=${token}`;
}

// ---------------------------------------------------------------------------------------------
// What a hostile caller sends

/** Text Braid must take and store as it is: SQL and HTML, LIKE wildcards, unusual Unicode. */
const NASTY_BUT_ALLOWED = [
  'tab\there', 'line\r\nbreak', '%', '_', '%%', '_%_', '\\', '\\%', '100%', 'ana_2',
  "' OR '1'='1", '"; drop table contacts; --', "Robert'); DROP TABLE users;--", '1; select pg_sleep(0)', '$1', '?',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&amp;', '{code}', '{{7*7}}', '${7*7}',
  '../../etc/passwd', '%00', '%2e%2e%2f', 'null', 'undefined', 'true', 'NaN', '-1', '0', '1e309', '9007199254740993',
  '', ' ', '\u00a0', '\u200b', '\u200d', '\u202e', '\ufeff', '\ud800', '\udfff', '👋🏽', '👨‍👩‍👧', 'Ça', 'İ', 'ß', 'ǅ', '𝔘𝔫𝔦',
  '__proto__', 'constructor', 'me', 'unassigned', 'hi', 'Hi 👋',
];
/** Text Braid refuses at the boundary: control characters other than tab, LF and CR. */
const CONTROL = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31mred', '\u007f', '\u0085', '\u009f'];
const WEIRD_CHARS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '%', '_', '\\', "'", '"', '<', '>', '&', ';', '-', 'é', '👋', '\ud800'];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_BUT_ALLOWED) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...WEIRD_CHARS), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 5_000 }).map((n) => 'é'.repeat(n)) },
);
/** Numbers at the edges: fractions, past 32 and 64 bits, past safe integers, tiny and huge. */
const EDGE_NUMBERS = [1.5, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e300, -1e300, 5e-324];
/**
 * Opaque tokens a client should only hand back (page cursors): base64url JSON of the kind an API
 * gives out, [number, text], with edge numbers and hostile text inside, where a boundary check on
 * the encoded form cannot see them.
 */
const forgedToken = fc
  .oneof(fc.tuple(fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.integer()), fc.oneof(hostileText, fc.constantFrom('\u0000', 'x\u0007'))), fc.jsonValue({ maxDepth: 2 }))
  .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'));
/** Now and then much longer than any field allows (and than a URL may be). */
const hugeText = fc.integer({ min: 5_000, max: 60_000 }).map((n) => 'ß'.repeat(n));

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  hugeText,
  fc.constantFrom<unknown>(null, true, false, 0, ...EDGE_NUMBERS, [], {}),
);

/**
 * How far a request strays. `plausible`: the route's shape, with text Braid must accept as it is
 * (SQL, HTML, wildcards, unusual Unicode), so it reaches the use case and the database.
 * `one bad value`: a plausible request with one value (a path parameter, a query parameter, a
 * field of the body at any depth) replaced by a hostile one, so the bad value meets a request
 * otherwise good enough to get deep. `hostile`: anything in every string and number, now and then
 * a wrong type, extra fields or a body that is not the route's at all.
 */
type Mode = 'plausible' | 'one bad value' | 'hostile';

function shaped(schema: JsonSchema | undefined, mode: Exclude<Mode, 'one bad value'>, depth = 0): fc.Arbitrary<unknown> {
  if (mode === 'plausible') return shapedExactly(schema ?? {}, mode, depth);
  return fc.oneof({ weight: 8, arbitrary: shapedExactly(schema ?? {}, mode, depth) }, { weight: 1, arbitrary: anyJson });
}

function textFor(schema: JsonSchema, mode: Exclude<Mode, 'one bad value'>): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  const valid = schema.format === 'email' ? fc.emailAddress() : fc.string({ minLength: min, maxLength: Math.min(max, 40) });
  if (mode === 'plausible') {
    const nasty = fc.constantFrom(...NASTY_BUT_ALLOWED.filter((t) => t.trim().length >= min && t.length <= max));
    return schema.format === 'email' ? valid : fc.oneof(valid, nasty, nasty.map((t) => `${t} ${t}`.slice(0, max)));
  }
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: hugeText }, { weight: 2, arbitrary: forgedToken });
}

function shapedExactly(schema: JsonSchema, mode: Exclude<Mode, 'one bad value'>, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return anyJson;
  const plausible = mode === 'plausible';
  const stray = <T>(arbitrary: fc.Arbitrary<T>) => (plausible ? arbitrary : fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: hostileText }));
  if (schema.const !== undefined) return stray(fc.constant(schema.const));
  if (schema.example !== undefined) {
    const { example, ...rest } = schema;
    return fc.oneof({ weight: plausible ? 12 : 3, arbitrary: stray(fc.constant(example)) }, { weight: 1, arbitrary: shapedExactly(rest, mode, depth) });
  }
  if (schema.enum) return stray(fc.constantFrom(...schema.enum));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s: JsonSchema) => shapedExactly(s, mode, depth + 1)));
  switch (schema.type) {
    case 'object': {
      const properties: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries<JsonSchema>(schema.properties ?? {})) properties[key] = shaped(value, mode, depth + 1);
      const known = fc.record(properties, { requiredKeys: (schema.required ?? []).filter((k: string) => k in properties) });
      if (plausible) return known;
      const extra = fc.dictionary(fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'id', 'workspaceId', 'role')), anyJson, { maxKeys: 3 });
      return fc.tuple(known, fc.option(extra, { freq: 3 })).map(([value, more]) => (more ? { ...more, ...value } : value));
    }
    case 'array':
      return fc.array(shaped(schema.items, mode, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'string':
      return textFor(schema, mode);
    case 'integer': {
      const inRange = fc.integer({ min: Math.max(schema.minimum ?? -1e9, -1e9), max: Math.min(schema.maximum ?? 1e9, 1e9) });
      return plausible ? inRange : fc.oneof(inRange, fc.integer(), fc.constantFrom(...EDGE_NUMBERS));
    }
    case 'number':
      return plausible ? fc.double({ noNaN: true, noDefaultInfinity: true }) : fc.oneof(fc.double(), fc.constantFrom(...EDGE_NUMBERS));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return plausible ? fc.jsonValue({ maxDepth: 2 }) : anyJson;
  }
}

/** A bad value of each kind, so a number is replaced by a bad number as often as by something else. */
const badValue = fc.record({
  text: fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 2, arbitrary: forgedToken }, { weight: 1, arbitrary: hugeText }),
  number: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.double() }),
  other: anyJson,
  pick: fc.nat(5),
});
type BadValue = typeof badValue extends fc.Arbitrary<infer T> ? T : never;

function badFor(current: unknown, bad: BadValue): unknown {
  if (bad.pick === 0) return bad.other;
  if (typeof current === 'number') return bad.pick < 4 ? bad.number : bad.text;
  return bad.pick < 4 ? bad.text : bad.number;
}

/** The paths of a JSON value's leaves (strings, numbers, booleans, nulls, empty containers). */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  if (keys.length === 0) return [path];
  return keys.flatMap((key) => leafPaths((value as Record<string | number, unknown>)[key], [...path, key]));
}

function withLeaf(value: unknown, path: (string | number)[], replace: (current: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[key] = withLeaf(copy[key], rest, replace);
  return copy;
}

/** Replaces one value of a request (path parameter, query parameter, or a leaf of the body) with a bad one. */
function withOneBadValue(operation: Operation, request: GeneratedRequest, slot: number, bad: BadValue): GeneratedRequest {
  const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  const body = request.body !== null && 'json' in request.body ? request.body.json : undefined;
  const slots = [
    ...operation.pathParams.map((name) => () => ({ ...request, params: { ...request.params, [name]: asText(badFor(request.params[name], bad)) } })),
    ...operation.query.map(({ name }) => () => ({
      ...request,
      query: [...request.query.filter(([key]) => key !== name), [name, asText(badFor(undefined, bad))] as [string, string]],
    })),
    ...(body === undefined ? [] : leafPaths(body)).map((path) => () => ({ ...request, body: { json: withLeaf(body, path, (current) => badFor(current, bad)) } })),
  ];
  return slots.length === 0 ? request : slots[slot % slots.length]();
}

/** A JSON schema for an example value, so it can be varied like a declared one. */
function schemaOf(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', items: value.length ? schemaOf(value[0]) : {}, minItems: value.length ? 1 : 0 };
  if (value === null) return { type: 'null' };
  if (typeof value === 'object') {
    const properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaOf(v)]));
    return { type: 'object', properties, required: Object.keys(properties) };
  }
  return { example: value, type: typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value };
}

/** A raw body: what JSON.stringify cannot say, or more of it than is allowed. */
const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 50_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constant(`{"text":"${'x'.repeat(300 * 1024)}"}`),
  fc.constant(`[${Array.from({ length: 40_000 }, (_, i) => i).join(',')}]`),
  fc.constantFrom('', 'not json', '{"a":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'null', '"\\u0000"', '{"text":"\\u0000"}'),
);

interface GeneratedRequest {
  params: Record<string, string>;
  query: [string, string][];
  body: { json: unknown } | { raw: string } | null;
}

function requestOf(operation: Operation): fc.Arbitrary<GeneratedRequest> {
  const oneBadValue = fc.tuple(requestIn(operation, 'plausible'), fc.nat(), badValue).map(([request, slot, bad]) => withOneBadValue(operation, request, slot, bad));
  return fc.oneof(
    { weight: 1, arbitrary: requestIn(operation, 'plausible') },
    { weight: 2, arbitrary: oneBadValue },
    { weight: 1, arbitrary: requestIn(operation, 'hostile') },
  );
}

function requestIn(operation: Operation, mode: Exclude<Mode, 'one bad value'>): fc.Arbitrary<GeneratedRequest> {
  // A route's own kind of id most of the time; any real id (of another kind) otherwise.
  const resource = /\/([\w-]+)\/\{id\}/.exec(operation.path)?.[1] ?? '';
  const anyId = fc.constantFrom(...Object.values(realIds).flat());
  const realId = realIds[resource] ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realIds[resource]) }, { weight: 1, arbitrary: anyId }) : anyId;
  const pathValue =
    mode === 'plausible'
      ? fc.oneof({ weight: 8, arbitrary: realId }, { weight: 1, arbitrary: fc.constant(newId()) })
      : fc.oneof(
          { weight: 4, arbitrary: realId },
          { weight: 3, arbitrary: hostileText },
          { weight: 1, arbitrary: hugeText },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
        );
  const params = fc.record(Object.fromEntries(operation.pathParams.map((name) => [name, pathValue])));
  // A plausible request leaves most query parameters out: one it sends is most often one a bad value went into.
  const declared = operation.query.map(({ name, schema }) => {
    const value = shaped(schema, mode).map((v): [string, string] | null => [name, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]);
    return fc.oneof({ weight: mode === 'plausible' ? 3 : 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
  });
  const extra = mode === 'plausible' ? fc.constant(null) : fc.option(fc.array(fc.tuple(hostileText, hostileText), { minLength: 1, maxLength: 2 }), { freq: 3 });
  const query = fc
    .tuple(fc.tuple(...declared), extra)
    .map(([known, more]) => [...known.filter((q): q is [string, string] => q !== null), ...(more ?? [])]);
  const example = exampleBodies[`${operation.method} ${operation.path}`];
  const schema = example === undefined ? operation.body : schemaOf(example);
  const shapedBody = shaped(schema ?? {}, mode).map((json) => ({ json }));
  const body: fc.Arbitrary<GeneratedRequest['body']> =
    operation.method === 'GET'
      ? fc.constant(null)
      : mode === 'plausible'
        ? shapedBody
        : fc.oneof(
            { weight: 6, arbitrary: shapedBody },
            { weight: 1, arbitrary: anyJson.map((json) => ({ json })) },
            { weight: 1, arbitrary: rawBody.map((raw) => ({ raw })) },
            { weight: 1, arbitrary: fc.constant(null) },
          );
  return fc.record({ params, query, body });
}

// ---------------------------------------------------------------------------------------------
// Sending, and looking at the database

/** Path segments sent as they are, not encoded: broken percent-escapes and dot segments. */
const RAW_SEGMENTS = ['%', '%zz', '%00', '%E0%A4%A', '%ff', '%C0%80', '..', '.', '%2e%2e', ';', '*'];

/** A URL cannot carry a lone surrogate: it becomes U+FFFD, as a browser would send it. */
const wellFormed = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

function urlOf(operation: Operation, request: GeneratedRequest): string {
  const segment = (value: string) => (RAW_SEGMENTS.includes(value) ? value : encodeURIComponent(wellFormed(value)));
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => segment(request.params[name]));
  const search = new URLSearchParams(request.query).toString();
  return `${path}${search ? `?${search}` : ''}`;
}

async function send(caller: Caller, operation: Operation, request: GeneratedRequest) {
  const url = urlOf(operation, request);
  const text = request.body === null ? undefined : 'raw' in request.body ? request.body.raw : (JSON.stringify(request.body.json) ?? 'null');
  const response = await fetch(`${braid.url}${url}`, {
    method: operation.method,
    headers: {
      origin: braid.url,
      ...(cookies[caller] && { cookie: cookies[caller] }),
      ...(text !== undefined && { 'content-type': 'application/json' }),
    },
    body: text,
  });
  return { url, status: response.status, text: await response.text() };
}

type Dump = Record<string, string[]>;

/** Every row of every table, in a stable order. */
async function dumpDatabase(): Promise<Dump> {
  const db = braid.ctx.store.kysely;
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('kysely_'));
  const dump: Dump = {};
  for (const table of tables.sort()) {
    const rows = await db.selectFrom(table as never).selectAll().execute();
    dump[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return dump;
}

function changedTables(before: Dump, after: Dump, ignored: string[]): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (table) => !ignored.includes(table) && JSON.stringify(before[table]) !== JSON.stringify(after[table]),
  );
}

describe('hostile requests to every API route', () => {
  for (const caller of ['anonymous', 'agent', 'admin'] as const) {
    it(`never answer 5xx, and change nothing when refused (${caller})`, async () => {
      expect(operations.length).toBeGreaterThan(30);
      const routes = operations.filter((o) => ROUTES.test(`${o.method} ${o.path}`));
      let baseline = await dumpDatabase();
      // Routes in a random order, so a read meets what an earlier write stored.
      const anyRequest = fc.constantFrom(...routes).chain((operation) => requestOf(operation).map((request) => ({ operation, request })));
      await fc.assert(
        fc.asyncProperty(anyRequest, async ({ operation, request }) => {
          const response = await send(caller, operation, request);
          const where = `${operation.method} ${response.url.slice(0, 300)} as ${caller}`;
          expect(response.status, `${where} answered ${response.status}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            const after = await dumpDatabase();
            const ignored = operation.path === '/api/auth/login' ? ['sign_in_checks'] : [];
            expect(changedTables(baseline, after, ignored), `${where} was refused (${response.status}) but changed the database`).toEqual([]);
            baseline = after;
          } else {
            // Signing out ends the caller's session: give it a new one, and start from what is stored now.
            if (operation.path === '/api/auth/logout' && caller !== 'anonymous') await mintSession(caller);
            baseline = await dumpDatabase();
          }
        }),
        { numRuns: RUNS * routes.length },
      );

      // Whatever was stored can still be read: every read route, with every real id of its kind.
      for (const operation of routes.filter((o) => o.method === 'GET')) {
        const resource = /\/([\w-]+)\/\{id\}/.exec(operation.path)?.[1];
        for (const id of operation.pathParams.length ? (realIds[resource ?? ''] ?? []) : ['']) {
          const response = await send(caller, operation, { params: { id }, query: [], body: null });
          expect(response.status, `${operation.method} ${response.url} as ${caller} answered ${response.status}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
        }
      }
    }, 600_000);
  }
});
