/**
 * ACL names (as the inventory and the plan spell them) to Kafka protocol codes, the reverse of `names.ts`. Values
 * from Kafka's Java client (ResourceType, PatternType, AclOperation, AclPermissionType).
 */
const RESOURCE_TYPE_CODES: Readonly<Record<string, number>> = {
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
  DELEGATION_TOKEN: 6,
  USER: 7,
};

const PATTERN_TYPE_CODES: Readonly<Record<string, number>> = { LITERAL: 3, PREFIXED: 4 };

const OPERATION_CODES: Readonly<Record<string, number>> = {
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
  TWO_PHASE_COMMIT: 15,
};

const PERMISSION_CODES: Readonly<Record<string, number>> = { DENY: 2, ALLOW: 3 };

/** Undefined for names that cannot be written (UNKNOWN, ANY, MATCH, or something unheard of). */
export const aclResourceTypeCode = (name: string): number | undefined => RESOURCE_TYPE_CODES[name];
export const aclPatternTypeCode = (name: string): number | undefined => PATTERN_TYPE_CODES[name];
export const aclOperationCode = (name: string): number | undefined => OPERATION_CODES[name];
export const aclPermissionCode = (name: string): number | undefined => PERMISSION_CODES[name];

export const WRITABLE_ACL_NAMES = {
  resourceTypes: Object.keys(RESOURCE_TYPE_CODES),
  patternTypes: Object.keys(PATTERN_TYPE_CODES),
  operations: Object.keys(OPERATION_CODES),
  permissionTypes: Object.keys(PERMISSION_CODES),
} as const;
