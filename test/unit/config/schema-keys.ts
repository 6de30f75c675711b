import type { z } from 'zod';
import { migrationSchema } from '../../../engine/config/schema.js';

type AnySchema = z.core.$ZodType;

/** The object shape a schema wraps (through optional, default, prefault and pipes), if any. */
function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; innerType?: AnySchema; in?: AnySchema };
  if (def.type === 'object') return def.shape;
  if (def.innerType !== undefined) return shapeOf(def.innerType);
  if (def.type === 'pipe' && def.in !== undefined) return shapeOf(def.in);
  return undefined;
}

/** Every key path the file accepts, e.g. `cutover.drain_timeout`, from the schema itself. */
export function allKeyPaths(schema: AnySchema = migrationSchema, prefix = ''): string[] {
  const shape = shapeOf(schema);
  if (shape === undefined) return [];
  return Object.entries(shape).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...allKeyPaths(child, path)];
  });
}
