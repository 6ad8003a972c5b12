import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * What a query selects below a field: each selected field by its schema name (aliases merged, fragments flattened), with its own
 * selection. Conditional selections (`@include`, `@skip`) count as selected: a read may fetch a column nobody uses, never miss one.
 */
export interface Selection {
  fields: Map<string, Selection>;
}

const LEAF: Selection = { fields: new Map() };

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, FieldNode[]>, depth = 0): void {
  if (!set || depth > 20) return;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      let nodes = into.get(name);
      if (!nodes) into.set(name, (nodes = []));
      nodes.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, into, depth + 1);
    } else {
      collect(fragments[selection.name.value]?.selectionSet, fragments, into, depth + 1);
    }
  }
}

function selectionOfNodes(nodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): Selection {
  const byName = new Map<string, FieldNode[]>();
  for (const node of nodes) collect(node.selectionSet, fragments, byName);
  if (byName.size === 0) return LEAF;
  const fields = new Map<string, Selection>();
  for (const [name, fieldNodes] of byName) fields.set(name, selectionOfNodes(fieldNodes, fragments));
  return { fields };
}

/**
 * Computed once per field of a document: a field reached by one node is keyed by that node (the server keeps parsed documents, so
 * the same query text finds it again), else by the array of its nodes (the same array for every item of a list).
 */
const byNode = new WeakMap<FieldNode, Selection>();
const byNodes = new WeakMap<readonly FieldNode[], Selection>();

/** The selection below the field being resolved. */
export function selectionOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selection {
  const nodes = info.fieldNodes;
  let selection = nodes.length === 1 ? byNode.get(nodes[0]) : byNodes.get(nodes);
  if (!selection) {
    selection = selectionOfNodes(nodes, info.fragments);
    if (nodes.length === 1) byNode.set(nodes[0], selection);
    else byNodes.set(nodes, selection);
  }
  return selection;
}

/** The selection at a path below it (e.g. `edges`, `node` of a connection); undefined when not selected. */
export function selectionAt(selection: Selection, ...path: string[]): Selection | undefined {
  let at: Selection | undefined = selection;
  for (const name of path) at = at?.fields.get(name);
  return at;
}
