/** What discovery reports while it runs; any front end may render these (progress to stderr, `--json`, the Ink app). */
import type { ClusterRole } from './roles.js';

export type DiscoveryStep =
  | 'control-plane'
  | 'connect'
  | 'cluster'
  | 'limits'
  | 'topics'
  | 'offsets'
  | 'sizes'
  | 'configs'
  | 'groups'
  | 'group-offsets'
  | 'acls';

/** Something discovery could not learn that does not stop it (the inventory field stays undefined or empty). */
export type DiscoveryWarningCode =
  | 'LIMITS_UNAVAILABLE'
  | 'SIZES_INCOMPLETE'
  | 'PARTITION_OFFLINE'
  | 'GROUP_NOT_DESCRIBED'
  | 'ACLS_UNAVAILABLE';

export type DiscoveryEvent =
  | { readonly type: 'discovery.started'; readonly role: ClusterRole }
  | { readonly type: 'discovery.step'; readonly role: ClusterRole; readonly step: DiscoveryStep; readonly detail?: string }
  | { readonly type: 'discovery.warning'; readonly role: ClusterRole; readonly code: DiscoveryWarningCode; readonly message: string }
  | {
      readonly type: 'discovery.finished';
      readonly role: ClusterRole;
      readonly reachable: boolean;
      readonly topics: number;
      readonly partitions: number;
      readonly groups: number;
      readonly durationMs: number;
      readonly error?: { readonly code: string; readonly message: string } | undefined;
    };
