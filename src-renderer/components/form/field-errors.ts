/**
 * Places the server's field errors ({ path: "training.optimizer.lr", message }) on the form's
 * fields. A path lands on the field with that path; a union's discriminator ("model.kind") on the
 * union's select; a list item ("model.hidden.0") or an unknown key under a fieldset on the nearest
 * field above it. What matches no field (the root, say) is returned apart, to show at the top.
 */
import type { FieldNode } from './schema-walk';

export interface FieldErrorLike {
  path: string;
  message: string;
}

export interface PlacedErrors {
  /** Field path → its messages. */
  byField: Map<string, string[]>;
  /** Errors no field took. */
  unplaced: FieldErrorLike[];
}

/** Every path a form field is drawn at, with the aliases that lead to it ("model.kind" → "model"). */
export function fieldPaths(root: FieldNode): Map<string, string> {
  const paths = new Map<string, string>();
  const visit = (node: FieldNode) => {
    if (node.path) paths.set(node.path, node.path);
    if (node.kind === 'object') node.children.forEach(visit);
    if (node.kind === 'union') {
      paths.set(node.path ? `${node.path}.${node.discriminator}` : node.discriminator, node.path);
      node.options.forEach((o) => o.children.forEach(visit));
    }
  };
  visit(root);
  return paths;
}

/**
 * Errors grouped by the field that shows them.
 * Args: errors from the server; root, the form's field tree.
 */
export function placeFieldErrors(errors: readonly FieldErrorLike[], root: FieldNode): PlacedErrors {
  const paths = fieldPaths(root);
  const byField = new Map<string, string[]>();
  const unplaced: FieldErrorLike[] = [];
  for (const error of errors) {
    const target = nearestField(error.path, paths);
    if (target === null) {
      unplaced.push(error);
      continue;
    }
    const list = byField.get(target) ?? [];
    if (!list.includes(error.message)) list.push(error.message);
    byField.set(target, list);
  }
  return { byField, unplaced };
}

function nearestField(path: string, paths: Map<string, string>): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const hit = paths.get(parts.slice(0, n).join('.'));
    if (hit !== undefined && hit !== '') return hit;
  }
  return null;
}
