import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { depthLimit, MAX_QUERY_DEPTH } from './depth-limit.js';

/**
 * What one GraphQL operation may ask for, over HTTP and over the WebSocket alike. The numbers are
 * several times what the portal's largest operation needs (a test checks every operation in
 * schema/operations against them) and far below what stalls the server.
 */
export const LIMITS = {
  depth: MAX_QUERY_DEPTH,
  /** Aliased fields in one operation: thousands of aliases of a list field was an attack. */
  aliases: 15,
  /** Top-level fields in one operation, fragments included. */
  rootFields: 20,
  /** graphql-armor's static estimate: 2 per object, 1 per scalar, times 1.5 per level. */
  cost: 5000,
  directives: 50,
  /** Lexer tokens in one document (graphql-js stops parsing past this). */
  tokens: 5000,
} as const;

/** Refuses operations with more than `max` top-level fields, counting through fragments. */
export function rootFieldLimit(max = LIMITS.rootFields): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const count = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      let n = 0;
      for (const sel of set?.selections ?? []) {
        if (sel.kind === Kind.FIELD) n += sel.name.value.startsWith('__') ? 0 : 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet, seen);
        else if (!seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          n += count(fragments.get(sel.name.value)?.selectionSet, seen);
        }
        if (n > max) return n;
      }
      return n;
    };
    return {
      OperationDefinition(node) {
        if (count(node.selectionSet, new Set()) > max) {
          context.reportError(new GraphQLError(`Operation asks for more than ${max} top-level fields; the limit is ${max}.`, { nodes: [node as ASTNode] }));
        }
      },
    };
  };
}

/**
 * graphql-armor's rules throw out of validation by default; report instead, so the client gets an
 * ordinary GRAPHQL_VALIDATION_FAILED naming the limit and what it found.
 */
const reported = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
    },
  ],
};

/** The validation rules every operation passes, whatever transport it came by. */
export function validationRules(): ValidationRule[] {
  return [
    depthLimit(LIMITS.depth),
    rootFieldLimit(LIMITS.rootFields),
    maxAliasesRule({ n: LIMITS.aliases, ...reported }) as ValidationRule,
    costLimitRule({ maxCost: LIMITS.cost, ...reported }) as ValidationRule,
    maxDirectivesRule({ n: LIMITS.directives, ...reported }) as ValidationRule,
  ];
}

/** graphql-js parse options: the document is refused once it has more tokens than this. */
export const parseOptions = { maxTokens: LIMITS.tokens } as const;

/** Largest request body over HTTP (body-parser's notation) and largest message over the WebSocket. */
export const BODY_LIMIT = '1mb';
/** BODY_LIMIT in bytes, as body-parser reads '1mb'. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What one WebSocket client may hold open at once. */
export const SOCKET_LIMITS = {
  /** Concurrent subscriptions on one connection: a portal screen opens a handful. */
  subscriptionsPerConnection: 20,
  /** Open sockets from one client address: one per browser tab, with room for a household behind one address. */
  connectionsPerAddress: 50,
} as const;
