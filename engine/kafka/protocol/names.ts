/** Kafka protocol enum codes (ACLs, config sources) as the names the inventory uses. Values from Kafka's Java client. */
import type { AclEntry, ConfigEntry } from '../../inventory/types.js';

const ACL_RESOURCE_TYPES: Record<number, AclEntry['resourceType']> = {
  2: 'TOPIC',
  3: 'GROUP',
  4: 'CLUSTER',
  5: 'TRANSACTIONAL_ID',
  6: 'DELEGATION_TOKEN',
  7: 'USER',
};

const ACL_PATTERN_TYPES: Record<number, AclEntry['patternType']> = { 3: 'LITERAL', 4: 'PREFIXED' };

const ACL_OPERATIONS: Record<number, string> = {
  0: 'UNKNOWN',
  1: 'ANY',
  2: 'ALL',
  3: 'READ',
  4: 'WRITE',
  5: 'CREATE',
  6: 'DELETE',
  7: 'ALTER',
  8: 'DESCRIBE',
  9: 'CLUSTER_ACTION',
  10: 'DESCRIBE_CONFIGS',
  11: 'ALTER_CONFIGS',
  12: 'IDEMPOTENT_WRITE',
  13: 'CREATE_TOKENS',
  14: 'DESCRIBE_TOKENS',
  15: 'TWO_PHASE_COMMIT',
};

const ACL_PERMISSIONS: Record<number, AclEntry['permissionType']> = { 2: 'DENY', 3: 'ALLOW' };

const CONFIG_SOURCES: Record<number, ConfigEntry['source']> = {
  1: 'DYNAMIC_TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
  7: 'CLIENT_METRICS_CONFIG',
  8: 'GROUP_CONFIG',
};

export const aclResourceTypeName = (code: number): AclEntry['resourceType'] => ACL_RESOURCE_TYPES[code] ?? 'UNKNOWN';
export const aclPatternTypeName = (code: number): AclEntry['patternType'] => ACL_PATTERN_TYPES[code] ?? 'UNKNOWN';
export const aclOperationName = (code: number): string => ACL_OPERATIONS[code] ?? `UNKNOWN(${code})`;
export const aclPermissionName = (code: number): AclEntry['permissionType'] => ACL_PERMISSIONS[code] ?? 'UNKNOWN';
export const configSourceName = (code: number): ConfigEntry['source'] => CONFIG_SOURCES[code] ?? 'UNKNOWN';

/** ConfigResource types of DescribeConfigs. */
export const CONFIG_RESOURCE_TOPIC = 2;
export const CONFIG_RESOURCE_BROKER = 4;

/** ACL filter codes meaning "match anything" (resource type, pattern type, operation, permission). */
export const ACL_ANY = 1;
