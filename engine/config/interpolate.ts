/**
 * `${VAR}` interpolation from the environment in every string value of the config. `$${` is a literal `${`.
 * Keys are never interpolated. A missing variable is a problem that names the variable and the key path; the value
 * of a variable never appears in a problem.
 *
 * `${VAR}` is not valid YAML inside a flow mapping (`auth: { username: ${USER} }`: braces end a plain scalar), yet
 * that is how operators write it. So references are swapped for inert placeholder words before YAML parsing
 * (`protectReferences`) and resolved in the parsed strings afterwards; a value is never re-parsed as YAML.
 */
import { randomBytes } from 'node:crypto';
import type { ConfigProblem, KeyPath } from './problems.js';

type Token = { readonly kind: 'variable'; readonly name: string } | { readonly kind: 'literal'; readonly text: string };

export interface ProtectedSource {
  /** The source with each reference replaced by a placeholder word; same lines, safe in any YAML context. */
  readonly text: string;
  /** Resolves placeholders (and reports malformed `${`) in one parsed string value. */
  resolve(value: string, env: NodeJS.ProcessEnv): StringInterpolation;
  /** Puts the references back as written (for keys, and for values that could not be resolved). */
  restore(value: string): string;
}

export interface StringInterpolation {
  readonly value: string;
  readonly usedVariables: string[];
  /** Details without the key path (the caller adds it). */
  readonly problems: string[];
}

const REFERENCE = /\$\$\{([^}\n]*)\}|\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function protectReferences(source: string): ProtectedSource {
  const nonce = randomBytes(6).toString('hex');
  const tokens: Token[] = [];
  const originals: string[] = [];
  const text = source.replace(REFERENCE, (match: string, literal: string | undefined, name: string | undefined) => {
    const token: Token =
      name !== undefined
        ? { kind: 'variable', name }
        : { kind: 'literal', text: literal === undefined ? '${' : `\${${literal}}` };
    tokens.push(token);
    originals.push(match);
    return `kbref${nonce}x${tokens.length - 1}x`;
  });
  const placeholder = new RegExp(`kbref${nonce}x(\\d+)x`, 'g');

  return {
    text,
    restore: (value) => value.replace(placeholder, (_match, index: string) => originals[Number(index)] ?? ''),
    resolve(value, env) {
      let out = '';
      const usedVariables: string[] = [];
      const problems: string[] = [];
      let last = 0;
      const addPlain = (plain: string): void => {
        const stray = strayReference(plain);
        if (stray !== undefined) problems.push(stray);
        out += plain;
      };
      for (const match of value.matchAll(placeholder)) {
        addPlain(value.slice(last, match.index));
        last = match.index + match[0].length;
        const token = tokens[Number(match[1])];
        if (token === undefined) continue;
        if (token.kind === 'literal') {
          out += token.text;
        } else if (env[token.name] === undefined) {
          problems.push(
            `uses \${${token.name}} but environment variable ${token.name} is not set; set it, or write $\${ for a literal \${`,
          );
        } else {
          out += env[token.name];
          usedVariables.push(token.name);
        }
      }
      addPlain(value.slice(last));
      return { value: out, usedVariables, problems };
    },
  };
}

/** A `${` left after protection is malformed: unclosed, or not a variable name. */
function strayReference(plain: string): string | undefined {
  const start = plain.indexOf('${');
  if (start === -1) return undefined;
  const close = plain.indexOf('}', start);
  if (close === -1) return 'has `${` without a closing `}`; write `$${` for a literal `${`';
  const inner = plain.slice(start + 2, close);
  const shown = inner.length > 40 ? `${inner.slice(0, 40)}...` : inner;
  return (
    `has \`\${${shown}}\`, which is not a variable reference; ` +
    'expected ${NAME} with letters, digits and underscores (write `$${` for a literal `${`)'
  );
}

/** One string on its own: `interpolateString('${A}-x', { A: '1' }).value === '1-x'`. */
export function interpolateString(text: string, env: NodeJS.ProcessEnv): StringInterpolation {
  const guarded = protectReferences(text);
  return guarded.resolve(guarded.text, env);
}

export interface InterpolationResult {
  readonly value: unknown;
  readonly problems: ConfigProblem[];
}

/** Resolves every string value in a tree parsed from `source.text`; keys get their original text back. */
export function interpolateTree(tree: unknown, env: NodeJS.ProcessEnv, source: ProtectedSource): InterpolationResult {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, path: KeyPath): unknown => {
    if (typeof node === 'string') {
      const result = source.resolve(node, env);
      if (result.problems.length === 0) return result.value;
      for (const detail of result.problems) problems.push({ path, detail });
      return source.restore(node);
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [rawKey, child] of Object.entries(node)) {
        const key = source.restore(rawKey);
        out[key] = walk(child, [...path, key]);
      }
      return out;
    }
    return node;
  };
  return { value: walk(tree, []), problems };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
