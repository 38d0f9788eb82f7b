/** Optimiser state as named arrays, for checkpoints: one slot (velocity, m, v…) per parameter. */
import type { NamedWeights } from '../../models/model';
import type { Param } from '../../models/module';
import { tf, type Variable } from '../../tf';

/** Reads `slot` of every parameter that has one, named `<param>/<slot>`. */
export async function readSlots(params: readonly Param[], slots: Record<string, Map<Variable, Variable>>, extra: Record<string, number> = {}): Promise<NamedWeights> {
  const names: string[] = [];
  const shapes: number[][] = [];
  const values: Float32Array[] = [];
  for (const [slot, map] of Object.entries(slots)) {
    for (const p of params) {
      const v = map.get(p.variable);
      if (!v) continue;
      names.push(`${p.name}/${slot}`);
      shapes.push(v.shape);
      values.push(new Float32Array(await v.data()));
    }
  }
  for (const [name, value] of Object.entries(extra)) {
    names.push(`#${name}`);
    shapes.push([1]);
    values.push(Float32Array.of(value));
  }
  return { names, shapes, values };
}

/** Recreates each slot variable found in `state`; returns the scalar extras (`#name`). */
export function writeSlots(params: readonly Param[], slots: Record<string, Map<Variable, Variable>>, state: NamedWeights): Record<string, number> {
  const extras: Record<string, number> = {};
  state.names.forEach((name, i) => {
    if (name.startsWith('#')) {
      extras[name.slice(1)] = state.values[i]![0]!;
      return;
    }
    const cut = name.lastIndexOf('/');
    const param = params.find((p) => p.name === name.slice(0, cut));
    const map = slots[name.slice(cut + 1)];
    if (!param || !map) throw new Error(`optimizer state "${name}" matches no parameter of this model`);
    map.get(param.variable)?.dispose();
    const initial = tf.tensor(state.values[i]!, state.shapes[i]!, 'float32');
    map.set(param.variable, tf.variable(initial, false));
    initial.dispose();
  });
  return extras;
}
