/** Laying out a one-row SVG legend without measuring text (the plots' fonts are small and uniform). */

/** Average advance of an 11 px UI-font character, in pixels (generous, so entries never overlap). */
export const LEGEND_CHAR_WIDTH = 6.6;

/**
 * The x offset of each legend entry: entries follow each other, each taking a swatch, its text and a gap.
 * Args: labels — the entries' texts; swatch — pixels before the text (the colour mark and its margin).
 */
export function legendOffsets(labels: readonly string[], swatch = 17, gap = 16): number[] {
  const offsets: number[] = [];
  let x = 0;
  for (const label of labels) {
    offsets.push(x);
    x += swatch + label.length * LEGEND_CHAR_WIDTH + gap;
  }
  return offsets;
}

/** The width the whole row takes. */
export function legendWidth(labels: readonly string[], swatch = 17, gap = 16): number {
  return labels.reduce((w, label) => w + swatch + label.length * LEGEND_CHAR_WIDTH + gap, 0) - (labels.length ? gap : 0);
}
