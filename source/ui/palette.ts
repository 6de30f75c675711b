/**
 * Colours, and whether to use them. chalk 5 (under Ink) honours FORCE_COLOR and `--no-color` but not NO_COLOR, so the
 * dashboard decides itself and passes a `color` flag down; components ask `tint(color, name)` for Ink's `color` prop.
 */
export type Tone = 'ok' | 'active' | 'warn' | 'bad' | 'muted' | 'accent';

const TONES: Readonly<Record<Tone, string>> = { ok: 'green', active: 'yellow', warn: 'yellow', bad: 'red', muted: 'gray', accent: 'cyan' };

/** False when NO_COLOR is set to anything non-empty (no-color.org), or FORCE_COLOR=0. */
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
}

/** Ink's `color` prop for a tone, or undefined when colour is off. */
export function tint(color: boolean, tone: Tone): string | undefined {
  return color ? TONES[tone] : undefined;
}
