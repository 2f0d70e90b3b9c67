import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

export const MAX_QUERY_DEPTH = 12;

/**
 * Refuses operations nested deeper than `max` fields, following fragments.
 * Each fragment's depth is computed once and remembered, so the walk is linear in the size of
 * the document however the fragments spread each other; it stops as soon as the limit is passed.
 */
export function depthLimit(max = MAX_QUERY_DEPTH): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    // A fragment being walked counts 0 when met again: a cycle, which NoFragmentCycles refuses anyway.
    const fragmentDepth = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (!sel.name.value.startsWith('__')) deepest = Math.max(deepest, 1 + depthOf(sel.selectionSet));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet));
        } else {
          const name = sel.name.value;
          let depth = fragmentDepth.get(name);
          if (depth === undefined) {
            fragmentDepth.set(name, 0);
            depth = depthOf(fragments.get(name)?.selectionSet);
            fragmentDepth.set(name, depth);
          }
          deepest = Math.max(deepest, depth);
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query is more than ${max} levels deep; the limit is ${max}.`, {
              nodes: [node as ASTNode],
            }),
          );
        }
      },
    };
  };
}
