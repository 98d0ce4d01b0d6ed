/**
 * GraphQL requests, for the response cache: only queries are cached (a document with a
 * mutation or subscription anywhere is not), never one that names DRAFT, and the key is
 * the query as graphql-js prints it (whitespace, commas and comments do not matter; string
 * literals keep their spaces) with the variables and the operation name.
 */
import { Kind, parse, print, visit, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { canonicalJson } from './key';

export interface GraphqlRequest {
  query: unknown;
  variables?: unknown;
  operationName?: unknown;
}

interface Analysis {
  /** The printed document, or null when it must not be cached (not a query, or unparsable). */
  printed: string | null;
}

export function analyseQuery(text: string): Analysis {
  let doc: DocumentNode;
  try {
    doc = parse(text, { noLocation: true });
  } catch {
    return { printed: null };
  }
  for (const def of doc.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && def.operation !== 'query') return { printed: null };
    if (def.kind !== Kind.OPERATION_DEFINITION && def.kind !== Kind.FRAGMENT_DEFINITION) return { printed: null };
  }
  let draft = false;
  visit(doc, {
    EnumValue(node) {
      if (node.value === 'DRAFT') draft = true;
    },
  });
  return { printed: draft ? null : print(doc) };
}

const asksForDraft = (variables: unknown): boolean => variables !== undefined && /"DRAFT"/.test(JSON.stringify(variables));

/** Parsing is the dear part; front ends send a handful of distinct queries, so remember them. */
const analysed = new LRUCache<string, Analysis>({ max: 1000, maxSize: 4 * 1024 * 1024, sizeCalculation: (_v, k) => k.length + 1 });

/** The key of a GraphQL read, or null when it must not be answered from the cache. */
export function graphqlKey(request: GraphqlRequest, accept: string): string | null {
  const { query, variables, operationName } = request;
  if (typeof query !== 'string' || query.length > 100_000) return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (asksForDraft(variables)) return null;
  let analysis = analysed.get(query);
  if (!analysis) {
    analysis = analyseQuery(query);
    analysed.set(query, analysis);
  }
  if (analysis.printed === null) return null;
  return `GQL ${accept} ${analysis.printed} ${canonicalJson(variables ?? {})} ${operationName ?? ''}`;
}

/** GET /graphql carries the request in the query string; variables as JSON text. */
export function graphqlRequestFromQuery(query: Record<string, unknown>): GraphqlRequest | null {
  const { query: text, variables, operationName, extensions } = query;
  if (extensions !== undefined) return null;
  let parsedVariables: unknown;
  if (variables !== undefined) {
    if (typeof variables !== 'string') return null;
    try {
      parsedVariables = JSON.parse(variables);
    } catch {
      return null;
    }
  }
  return { query: text, variables: parsedVariables, operationName };
}
