import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { PUBLIC_ROUTE, REQUIRED_SCOPE } from 'src/common/auth/api-key.guard';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { KNOWN_SCOPES } from 'src/security/api-keys/api-key-secret.util';
import { TestServer } from 'tests/support/test-server';

const SCALAR_LITERALS: Record<string, string> = {
  Int: '1',
  Float: '1.5',
  Boolean: 'true',
  ID: '"00000000-0000-4000-8000-000000000000"',
  DateTime: '"2031-01-01T00:00:00.000Z"',
  Money: '"1"',
  JSON: '{}',
  JSONObject: '{}',
};

/** The smallest literal the schema accepts for a type: required input fields only, one list element. */
function literalFor(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literalFor(type.ofType);
  if (isListType(type)) return `[${literalFor(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{${required.map((field) => `${field.name}: ${literalFor(field.type)}`).join(', ')}}`;
  }
  return SCALAR_LITERALS[type.name] ?? '"x"';
}

type Operation = { kind: 'query' | 'mutation'; name: string; document: string };

function operationsOf(root: GraphQLObjectType | null | undefined, kind: Operation['kind']): Operation[] {
  return Object.values(root?.getFields() ?? {}).map((field: GraphQLField<unknown, unknown>) => {
    const args = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: ${literalFor(arg.type)}`);
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return { kind, name: field.name, document: `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }` };
  });
}

async function post(server: TestServer, key: string | null, document: string): Promise<{ status: number; errors: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: document }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, errors: body.errors ?? [] };
}

describe('every operation declares a scope, and keys without it are refused', () => {
  let server: TestServer;
  let operations: Operation[];
  let workspaceId: string;
  let emptyKey: string;

  beforeAll(async () => {
    server = await TestServer.start();
    const schema = server.get(GraphQLSchemaHost).schema;
    operations = [...operationsOf(schema.getQueryType(), 'query'), ...operationsOf(schema.getMutationType(), 'mutation')];
    ({ workspaceId } = await server.createKey());
    emptyKey = (await server.get(ApiKeyService).issue(workspaceId, 'no scopes', [], null)).plaintext;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('finds the operations in the built schema', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['campaigns', 'createTrackedLink', 'settings', 'apiKeys', 'rotateApiKey']));
  });

  it('answers 401 to every operation without a key', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const { status, errors } = await post(server, null, operation.document);
      if (status !== 401 || errors[0]?.extensions?.code !== 'UNAUTHENTICATED') failures.push(`${operation.name}: ${status} ${JSON.stringify(errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a key without the scope with 403 naming it, and lets a key holding only that scope through', async () => {
    const failures: string[] = [];
    const scopeByOperation: Record<string, string> = {};
    for (const operation of operations) {
      const refused = await post(server, emptyKey, operation.document);
      const scope = /lacks the "([^"]+)" scope/.exec(refused.errors[0]?.message ?? '')?.[1];
      if (refused.status !== 403 || refused.errors[0]?.extensions?.code !== 'FORBIDDEN' || !scope || !(KNOWN_SCOPES as readonly string[]).includes(scope) || scope === '*') {
        failures.push(`${operation.name} declares no usable scope: ${refused.status} ${JSON.stringify(refused.errors)}`);
        continue;
      }
      scopeByOperation[operation.name] = scope;
      const holder = (await server.get(ApiKeyService).issue(workspaceId, `holds ${scope}`, [scope], null)).plaintext;
      const allowed = await post(server, holder, operation.document);
      const refusal = allowed.errors.find((error) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(error.extensions?.code ?? ''));
      if (refusal) failures.push(`${operation.name} refused a key holding ${scope}: ${refusal.message}`);
    }
    expect(failures).toEqual([]);
    // Writing needs the write scope: no mutation is open to a read-only key.
    const readOnlyMutations = operations.filter((operation) => operation.kind === 'mutation' && scopeByOperation[operation.name]?.endsWith(':read'));
    expect(readOnlyMutations.map((operation) => operation.name)).toEqual([]);
  });

  it('declares public or a scope on every REST route, and Express serves no route besides them', () => {
    const declared: string[] = [];
    const undeclared: string[] = [];
    for (const module of server.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
          const route = `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${path}`;
          declared.push(route);
          const access = [handler, controller].some((target) => Reflect.getMetadata(PUBLIC_ROUTE, target) || Reflect.getMetadata(REQUIRED_SCOPE, target));
          if (!access) undeclared.push(route);
        }
      }
    }
    expect(undeclared).toEqual([]);
    expect(declared).toEqual(expect.arrayContaining(['GET /healthz', 'GET /trackflow.js', 'GET /r/:code/qr.svg']));
    const express = server.running.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    const served = express.router.stack.filter((layer) => layer.route).flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
    expect(served.filter((route) => !declared.includes(route) && !route.endsWith(' /graphql'))).toEqual([]);
  });

  it('has every raw node:http endpoint say why it is public', () => {
    expect(server.running.rawRoutes.length).toBe(4);
    for (const declaration of server.running.rawRoutes) expect(declaration.public.length).toBeGreaterThan(20);
  });
});
