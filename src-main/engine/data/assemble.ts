/** Final checks and fingerprinting shared by every loader. */
import { fingerprintDataset } from './fingerprint';
import type { Dataset } from './types';

/**
 * Completes a loader's result: checks the array lengths agree with size × prod(shape), the class
 * names with numClasses, the labels are in range and the split adds up, then adds the fingerprint.
 * Throws: Error on an inconsistency (a loader bug, since loaders validate the data first).
 */
export function assembleDataset(parts: Omit<Dataset, 'fingerprint'>): Dataset {
  const perSample = parts.shape.reduce((a, b) => a * b, 1);
  const problems: string[] = [];
  if (parts.features.length !== parts.size * perSample) {
    problems.push(
      `features hold ${parts.features.length} values, not ${parts.size} × ${perSample}`,
    );
  }
  if (parts.labels.length !== parts.size) problems.push(`${parts.labels.length} labels for ${parts.size} samples`);
  if (parts.classNames.length !== parts.numClasses) problems.push(`${parts.classNames.length} class names for ${parts.numClasses} classes`);
  let maxLabel = -1;
  for (let i = 0; i < parts.labels.length; i++) if ((parts.labels[i] as number) > maxLabel) maxLabel = parts.labels[i] as number;
  if (maxLabel >= parts.numClasses) problems.push(`label ${maxLabel} is not below numClasses ${parts.numClasses}`);
  if (parts.splits && parts.splits.train + parts.splits.test !== parts.size) {
    problems.push(
      `splits ${parts.splits.train}+${parts.splits.test} do not add up to ${parts.size}`,
    );
  }
  if (problems.length > 0) throw new Error(`dataset ${parts.id} from ${parts.source}: ${problems.join('; ')}`);
  return { ...parts, fingerprint: fingerprintDataset(parts) };
}
