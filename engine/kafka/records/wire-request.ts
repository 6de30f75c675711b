/**
 * A request we encode and decode ourselves (Fetch, Produce, InitProducerId), in the shape kafkajs's connection sends:
 * kafkajs writes request header v1 and strips response header v0, so only non-flexible API versions fit.
 */
import { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import { KafkajsEncoderClass, type KafkajsProtocolRequest } from '../protocol/kafkajs-internals.js';

export function wireRequest<T>(options: {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  /** The versions the caller implements: [min, max]. */
  implemented: readonly [number, number];
  body: () => ByteWriter;
  decode: (reader: ByteReader) => T;
  requestTimeout?: number | undefined;
}): KafkajsProtocolRequest<T> {
  const [min, max] = options.implemented;
  if (options.apiVersion < min || options.apiVersion > max) {
    throw new Error(`${options.apiName} v${options.apiVersion} is not implemented (v${min}-v${max})`);
  }
  const body = options.body();
  return {
    request: {
      apiKey: options.apiKey,
      apiVersion: options.apiVersion,
      apiName: options.apiName,
      encode: async () => new KafkajsEncoderClass().writeBuffer(body.view()),
    },
    response: {
      decode: async (payload: Buffer) => options.decode(new ByteReader(payload)),
      parse: async (data: T) => data,
    },
    ...(options.requestTimeout === undefined ? {} : { requestTimeout: options.requestTimeout }),
  };
}

/** The highest version in [min, max] the broker accepts, or undefined. */
export function pickVersion(range: { minVersion: number; maxVersion: number } | undefined, min: number, max: number): number | undefined {
  if (range === undefined) return undefined;
  const version = Math.min(range.maxVersion, max);
  return version >= Math.max(range.minVersion, min) ? version : undefined;
}

/** Entries grouped by topic, in first-seen order (requests list topics, then their partitions). */
export function groupByTopic<T extends { readonly topic: string }>(entries: readonly T[]): Map<string, T[]> {
  const byTopic = new Map<string, T[]>();
  for (const entry of entries) {
    const list = byTopic.get(entry.topic);
    if (list === undefined) byTopic.set(entry.topic, [entry]);
    else list.push(entry);
  }
  return byTopic;
}
