/** Number schemas that read the way papers write them ("8/255") and say what they expect. */
import { z } from 'zod';

/** A finite number, also accepted as a fraction string such as "8/255" or "2/255". */
export const fraction = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/i.exec(value);
  if (!match) return value;
  return match[2] === undefined ? Number(match[1]) : Number(match[1]) / Number(match[2]);
}, z.number({ error: 'expected a number or a fraction such as "8/255"' }).finite());

export const positive = fraction.pipe(z.number().positive());
export const nonNegative = fraction.pipe(z.number().min(0));
export const probability = fraction.pipe(z.number().min(0).max(1));
export const positiveInt = z.number().int().positive();
export const nonNegativeInt = z.number().int().min(0);
