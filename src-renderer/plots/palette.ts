/**
 * Plot colours. Mid-luminance hues that read on both the light and the dark theme (canvas layers
 * cannot use CSS variables, so the colours live here rather than in app.css).
 */

/** One colour per compared study or series, in order. */
export const SERIES_COLORS = ['#3b7ddd', '#e0703a', '#2e9e62', '#9a5fd0', '#c89b1c', '#1e9aa8', '#d0508a', '#7a8594'] as const;

/** The colour of the i-th series (cycling). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length]!;
}

/** Members of the target, non-members, and samples with no membership (held out). */
export const MEMBER_COLOR = '#e0703a';
export const NON_MEMBER_COLOR = '#3b7ddd';
export const HELD_OUT_COLOR = '#8a94a3';
