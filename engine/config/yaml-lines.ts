/**
 * Maps a key path to the line it sits on in the YAML source. js-yaml reports no positions per node, so this scans
 * the text and follows indentation. It understands block mappings, block sequences (also at the same indentation
 * as their key), `- key: value` items, quoted keys, comments, block scalars (`|`, `>`), and flow collections or
 * quoted strings that span lines. Keys inside a flow collection (`{ a: 1 }`) are not indexed: a lookup falls back to
 * the nearest indexed ancestor, which is the line of the key holding the flow collection.
 */
import type { KeyPath, PathSegment } from './problems.js';

export interface LineIndex {
  /** 1-based line of the key (or list item) at `path`, else of its nearest indexed ancestor; undefined if none. */
  lineOf(path: KeyPath): number | undefined;
}

interface Frame {
  readonly indent: number;
  readonly kind: 'map' | 'seq';
  readonly path: PathSegment[];
  nextIndex: number;
}

interface Carry {
  depth: number;
  quote: '"' | "'" | null;
}

export function buildLineIndex(text: string): LineIndex {
  const lines = new Map<string, number>();
  const record = (path: PathSegment[], line: number): void => {
    const key = JSON.stringify(path);
    if (!lines.has(key)) lines.set(key, line);
  };

  const frames: Frame[] = [];
  let pending: PathSegment[] | null = null;
  let blockScalarParentIndent: number | null = null;
  const carry: Carry = { depth: 0, quote: null };

  const top = (): Frame | undefined => frames[frames.length - 1];

  const startValue = (value: string, col: number, path: PathSegment[]): void => {
    const head = value[0];
    if (value === '' || head === '#' || isPropertiesOnly(value)) {
      pending = path;
    } else if (head === '|' || head === '>') {
      blockScalarParentIndent = col;
    } else if (head === '[' || head === '{' || head === '"' || head === "'") {
      scanFlow(value, carry);
    }
  };

  const processContent = (col: number, content: string, line: number): void => {
    const seqItem = isSequenceItem(content);
    for (;;) {
      const frame = top();
      if (frame === undefined) break;
      if (frame.indent > col || (frame.kind === 'seq' && frame.indent === col && !seqItem)) frames.pop();
      else break;
    }
    const parentForNew = (): PathSegment[] | null => pending ?? (frames.length === 0 ? [] : null);

    if (seqItem) {
      let frame = top();
      if (frame === undefined || frame.kind !== 'seq' || frame.indent !== col) {
        const parent = parentForNew();
        if (parent === null) return;
        frame = { indent: col, kind: 'seq', path: parent, nextIndex: 0 };
        frames.push(frame);
      }
      const itemPath = [...frame.path, frame.nextIndex];
      frame.nextIndex += 1;
      record(itemPath, line);
      const rest = content.slice(1).replace(/^[ \t]+/, '');
      const restCol = col + (content.length - rest.length);
      pending = itemPath;
      if (rest === '' || rest.startsWith('#')) return;
      if (isPropertiesOnly(rest)) return;
      processContent(restCol, rest, line);
      return;
    }

    const key = readKey(content);
    if (key === null) {
      // A scalar, a flow collection on its own line, or the continuation of a multi-line plain scalar.
      pending = null;
      const head = content[0];
      if (head === '[' || head === '{' || head === '"' || head === "'") scanFlow(content, carry);
      return;
    }
    let frame = top();
    if (frame === undefined || frame.kind !== 'map' || frame.indent !== col) {
      const parent = parentForNew();
      if (parent === null) return;
      frame = { indent: col, kind: 'map', path: parent, nextIndex: 0 };
      frames.push(frame);
    }
    const keyPath = [...frame.path, key.name];
    record(keyPath, line);
    pending = null;
    startValue(content.slice(key.end).trim(), col, keyPath);
  };

  const sourceLines = text.split(/\r?\n/);
  let firstContentLine: number | undefined;
  sourceLines.forEach((raw, index) => {
    const line = index + 1;
    if (carry.depth > 0 || carry.quote !== null) {
      scanFlow(raw, carry);
      return;
    }
    const trimmed = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (blockScalarParentIndent !== null) {
      if (trimmed === '' || indent > blockScalarParentIndent) return;
      blockScalarParentIndent = null;
    }
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (indent === 0 && (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%'))) return;
    firstContentLine ??= line;
    processContent(indent, raw.slice(indent), line);
  });

  return {
    lineOf(path: KeyPath): number | undefined {
      for (let length = path.length; length > 0; length -= 1) {
        const found = lines.get(JSON.stringify(path.slice(0, length)));
        if (found !== undefined) return found;
      }
      return firstContentLine;
    },
  };
}

function isSequenceItem(content: string): boolean {
  return content[0] === '-' && (content.length === 1 || content[1] === ' ' || content[1] === '\t');
}

/** `&anchor`, `!!tag` or both, with nothing else: the value follows on the next lines. */
function isPropertiesOnly(value: string): boolean {
  const withoutComment = value.replace(/\s+#.*$/, '');
  return /^([&!][^\s]*\s*)+$/.test(withoutComment);
}

/** The key of a `key: value` line, and where its value starts; null when the line holds no implicit key. */
function readKey(content: string): { name: string; end: number } | null {
  const head = content[0];
  if (head === '"' || head === "'") {
    const close = findClosingQuote(content, 0);
    if (close === -1) return null;
    let index = close + 1;
    while (content[index] === ' ' || content[index] === '\t') index += 1;
    if (content[index] !== ':' || !isSpaceOrEnd(content, index + 1)) return null;
    const body = content.slice(1, close);
    const name = head === "'" ? body.replace(/''/g, "'") : unescapeDouble(body);
    return { name, end: index + 1 };
  }
  if (head === undefined || '[]{},#&*!|>%@`?'.includes(head)) return null;
  for (let index = 0; index < content.length; index += 1) {
    const ch = content[index];
    if (ch === '#' && (content[index - 1] === ' ' || content[index - 1] === '\t')) return null;
    if (ch === ':' && isSpaceOrEnd(content, index + 1)) {
      return { name: content.slice(0, index).trimEnd(), end: index + 1 };
    }
  }
  return null;
}

function isSpaceOrEnd(text: string, index: number): boolean {
  return index >= text.length || text[index] === ' ' || text[index] === '\t';
}

function findClosingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index += 1) {
    const ch = text[index];
    if (quote === '"' && ch === '\\') {
      index += 1;
    } else if (ch === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index;
    }
  }
  return -1;
}

function unescapeDouble(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** Follows brackets and quotes so that a flow collection or quoted string spanning lines is skipped as one value. */
function scanFlow(text: string, carry: Carry): void {
  for (let index = 0; index < text.length; index += 1) {
    const ch = text[index];
    if (carry.quote !== null) {
      if (carry.quote === '"' && ch === '\\') index += 1;
      else if (ch === carry.quote) {
        if (carry.quote === "'" && text[index + 1] === "'") index += 1;
        else carry.quote = null;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A quote only opens a string at the start of a scalar, not inside a plain word (it's).
      const previous = index === 0 ? ' ' : text[index - 1];
      if (previous === undefined || ' \t[{,:'.includes(previous)) carry.quote = ch;
    } else if (ch === '#' && (index === 0 || text[index - 1] === ' ' || text[index - 1] === '\t')) {
      return;
    } else if (ch === '[' || ch === '{') {
      carry.depth += 1;
    } else if (ch === ']' || ch === '}') {
      carry.depth = Math.max(0, carry.depth - 1);
    }
  }
}
