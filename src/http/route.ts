import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError } from '../domain/shared/errors';
import type { User } from '../store/repositories/users';
import { controlCharacterProblem } from '../domain/shared/controlCharacters';
import { requireUser } from './plugins/auth';

export type Access = 'public' | 'agent' | 'admin';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful answer (200 unless said). */
  status?: number;
  /** Largest request body in bytes, when the app's default is too small (a file upload). */
  bodyLimit?: number;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in user (undefined only on public routes). */
  user: User;
  ctx: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface OperationRecord {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
}

const operations: OperationRecord[] = [];

/**
 * Declares one API route: its schemas validate the input (400 with the first problem named; a
 * control character anywhere in it is one), its access level is checked before the handler runs,
 * and it is listed in /api/openapi.json.
 */
export function defineRoute<
  P extends z.ZodType = z.ZodObject<Record<never, z.ZodType>>,
  Q extends z.ZodType = z.ZodObject<Record<never, z.ZodType>>,
  B extends z.ZodType = z.ZodUnknown,
>(
  app: FastifyInstance,
  ctx: AppContext,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
): void {
  if (!operations.some((o) => o.spec.method === spec.method && o.spec.url === spec.url)) {
    operations.push({ spec: spec as never });
  }
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit !== undefined && { bodyLimit: spec.bodyLimit }),
    handler: async (request, reply) => {
      const user = spec.access === 'public' ? (request.user as User) : requireUser(request, spec.access);
      const params = validate(spec.params, request.params, 'path');
      const query = validate(spec.query, request.query, 'query');
      const body = spec.body ? validate(spec.body, request.body ?? {}, 'body') : refuseControlCharacters(request.body, 'body');
      const result = await handler({ params, query, body, user, ctx, request, reply } as never);
      if (reply.sent) return reply;
      reply.code(spec.status ?? 200);
      return result === undefined ? reply.send() : result;
    },
  });
}

function validate(schema: z.ZodType | undefined, value: unknown, where: InputPart): unknown {
  refuseControlCharacters(value, where);
  if (!schema) return value ?? {};
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AppError('invalid_request', 400, `Invalid ${where}: ${field}${issue.message}`);
}

export type InputPart = 'path' | 'query' | 'body';

/**
 * Control characters (but tab, LF and CR) anywhere in the input, schema or not, are a 400 naming
 * the field (domain/shared/controlCharacters.ts). Checked on the raw input, so a part a schema
 * passes through unchecked (`z.unknown()`, a loose object) is covered too. Routes not declared
 * with defineRoute call it themselves.
 */
export function refuseControlCharacters<T>(value: T, where: InputPart): T {
  const problem = controlCharacterProblem(value);
  if (problem) throw new AppError('invalid_request', 400, `Invalid ${where}: ${problem}`);
  return value;
}

/** The OpenAPI 3.1 document of every route declared with defineRoute. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of operations) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...schemaParameters(spec.params, 'path'),
      ...schemaParameters(spec.query, 'query'),
    ];
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access !== 'public' && { security: [{ session: [] }], 'x-access': spec.access }),
      ...(parameters.length && { parameters }),
      ...(spec.body && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } },
      }),
      responses: {
        [String(spec.status ?? 200)]: { description: 'Success' },
        '4XX': { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Braid API', version: '1' },
    servers: [{ url: publicUrl }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'braid_session' } } },
    paths,
  };
}

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
};

function jsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return {};
  }
}

function schemaParameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
