/**
 * Whether AWS's in-place ZooKeeper-to-KRaft conversion (from 2026-08-20) is an alternative for this source: it is for
 * MSK Provisioned clusters on Kafka 3.9.x with Standard brokers in 3 AZs, ACTIVE with no pending operation, ZooKeeper
 * client access disabled, clients on the bootstrap servers, no kafka.t3.small brokers, no dynamically set
 * advertised.listeners and not public access together with open monitoring. It keeps account, region, broker type
 * and authentication. I02: qualifies as far as the inventory shows; I03: does not, and why; I04: cannot tell.
 */
import type { ControlPlaneInfo } from '../../inventory/types.js';
import { finding } from '../codes.js';
import { clusterSubject, type Rule, type RuleContext } from '../context.js';
import { parseKafkaVersion } from '../kafka-version.js';

export interface ConversionCondition {
  readonly condition: string;
  readonly status: 'met' | 'not-met' | 'unknown';
  /** For `not-met`: what the cluster has instead, and how to change it. */
  readonly actual?: string;
  readonly fix?: string;
}

/** Prerequisites the inventory cannot show (the console or the MSK docs can). */
export const UNCHECKED_CONVERSION_CONDITIONS: readonly string[] = [
  'no pending cluster operation',
  'ZooKeeper client access disabled',
  'clients connect through the bootstrap servers (not ZooKeeper)',
  'advertised.listeners not set dynamically',
  'not public access together with open monitoring',
];

export function evaluateConversionConditions(plane: ControlPlaneInfo, brokerKafkaVersion: string | undefined): ConversionCondition[] {
  const conditions: ConversionCondition[] = [];
  const versionText = plane.kafkaVersion ?? brokerKafkaVersion;
  const version = parseKafkaVersion(versionText);
  conditions.push(
    version === undefined
      ? { condition: 'Kafka 3.9.x', status: 'unknown' }
      : version.major === 3 && version.minor === 9
        ? { condition: 'Kafka 3.9.x', status: 'met' }
        : {
            condition: 'Kafka 3.9.x',
            status: 'not-met',
            actual: `Kafka ${versionText ?? ''} (needs 3.9.x)`,
            fix: 'upgrade the cluster to Kafka 3.9.x (aws kafka update-cluster-kafka-version)',
          },
  );
  conditions.push(
    plane.type === 'PROVISIONED'
      ? { condition: 'Provisioned', status: 'met' }
      : { condition: 'Provisioned', status: 'not-met', actual: 'MSK Serverless (needs Provisioned)' },
  );
  const instanceType = plane.instanceType;
  if (instanceType === undefined) {
    conditions.push({ condition: 'Standard brokers in 3 availability zones', status: 'unknown' });
    conditions.push({ condition: 'no kafka.t3.small brokers', status: 'unknown' });
  } else {
    const express = instanceType.startsWith('express.');
    if (express) conditions.push({ condition: 'Standard brokers in 3 availability zones', status: 'met' });
    else if (plane.zoneCount === undefined) conditions.push({ condition: 'Standard brokers in 3 availability zones', status: 'unknown' });
    else if (plane.zoneCount === 3) conditions.push({ condition: 'Standard brokers in 3 availability zones', status: 'met' });
    else {
      conditions.push({
        condition: 'Standard brokers in 3 availability zones',
        status: 'not-met',
        actual: `Standard brokers in ${plane.zoneCount} availability zone${plane.zoneCount === 1 ? '' : 's'} (needs 3)`,
      });
    }
    conditions.push(
      instanceType === 'kafka.t3.small'
        ? {
            condition: 'no kafka.t3.small brokers',
            status: 'not-met',
            actual: 'kafka.t3.small brokers',
            fix: 'move the brokers to a larger instance type (aws kafka update-broker-type)',
          }
        : { condition: 'no kafka.t3.small brokers', status: 'met' },
    );
  }
  conditions.push(
    plane.state === undefined
      ? { condition: 'ACTIVE', status: 'unknown' }
      : plane.state === 'ACTIVE'
        ? { condition: 'ACTIVE', status: 'met' }
        : { condition: 'ACTIVE', status: 'not-met', actual: `state ${plane.state} (needs ACTIVE)`, fix: 'wait for the running cluster operation to finish' },
  );
  return conditions;
}

/** What this migration changes that an in-place conversion keeps as it is. */
export function changesBeyondConversion(context: RuleContext): string[] {
  const source = context.inventory.source.controlPlane;
  const target = context.inventory.target.controlPlane;
  const changes: string[] = [];
  const sourceArn = arnParts(source?.arn ?? context.config.source.clusterArn);
  const targetArn = arnParts(target?.arn ?? context.config.target.clusterArn);
  if (sourceArn !== undefined && targetArn !== undefined) {
    if (sourceArn.account !== targetArn.account) changes.push(`account (${sourceArn.account} → ${targetArn.account})`);
    if (sourceArn.region !== targetArn.region) changes.push(`region (${sourceArn.region} → ${targetArn.region})`);
  }
  const family = (plane: ControlPlaneInfo | undefined): string | undefined =>
    plane?.instanceType === undefined ? undefined : plane.instanceType.startsWith('express.') ? 'Express' : 'Standard';
  const sourceFamily = family(source);
  const targetFamily = family(target);
  if (sourceFamily !== undefined && targetFamily !== undefined && sourceFamily !== targetFamily) {
    changes.push(`broker type (${sourceFamily} → ${targetFamily})`);
  }
  const sourceAuth = context.config.source.auth.mode;
  const targetAuth = context.config.target.auth.mode;
  if (sourceAuth !== targetAuth) changes.push(`authentication (${sourceAuth} → ${targetAuth})`);
  return changes;
}

function arnParts(arn: string | undefined): { region: string; account: string } | undefined {
  const match = arn === undefined ? null : /^arn:aws[a-z-]*:kafka:([a-z0-9-]+):(\d{12}):/.exec(arn);
  return match === null ? undefined : { region: match[1] ?? '', account: match[2] ?? '' };
}

export const inPlaceConversionRule: Rule = (context) => {
  const source = context.inventory.source;
  if (source.metadataMode === 'KRAFT') return []; // B03 says it all
  const subject = clusterSubject(context, 'source');
  const plane = source.controlPlane;
  if (plane === undefined) {
    const why = context.config.source.clusterArn === undefined ? 'the source is given by bootstrap servers, so there is no MSK description' : 'the MSK control-plane lookup of the source failed';
    return [
      finding(
        'I04',
        subject,
        `whether the source qualifies for AWS's in-place ZooKeeper-to-KRaft conversion could not be assessed: ${why}`,
        "give source.cluster_arn to have it assessed; AWS converts in place only MSK Provisioned clusters on Kafka 3.9.x that meet its prerequisites, keeping account, region, broker type and authentication",
      ),
    ];
  }
  const conditions = evaluateConversionConditions(plane, source.kafkaVersion);
  const failed = conditions.filter((condition) => condition.status === 'not-met');
  const unknown = [...conditions.filter((condition) => condition.status === 'unknown').map((condition) => condition.condition), ...UNCHECKED_CONVERSION_CONDITIONS];
  if (failed.length > 0) {
    const fixes = failed.flatMap((condition) => (condition.fix === undefined ? [] : [condition.fix]));
    return [
      finding(
        'I03',
        subject,
        `source ${plane.name} does not qualify for AWS's in-place ZooKeeper-to-KRaft conversion: ${failed.map((condition) => condition.actual ?? condition.condition).join('; ')}`,
        fixes.length === failed.length
          ? `continue with this migration to a new KRaft cluster, or ${fixes.join(' and ')} to convert in place instead`
          : 'continue with this migration: moving to a new KRaft cluster is the way for this cluster',
      ),
    ];
  }
  const met = conditions.filter((condition) => condition.status === 'met').map((condition) => condition.condition);
  const changes = changesBeyondConversion(context);
  const changeNote = changes.length === 0 ? '' : `; this migration also changes ${changes.join(', ')}, which an in-place conversion cannot do`;
  return [
    finding(
      'I02',
      subject,
      `source ${plane.name} meets the in-place ZooKeeper-to-KRaft conversion conditions the inventory shows (${met.join(', ')}); not checked: ${unknown.join(', ')}${changeNote}`,
      changes.length === 0
        ? "AWS's in-place conversion is cheaper when nothing else has to change (no new cluster, no client switch): confirm the unchecked conditions in the MSK console and convert in place, or continue with this migration"
        : `continue with this migration to change ${changes.join(', ')}; if those changes can wait, AWS's in-place conversion is the cheaper path`,
    ),
  ];
};

export const inPlaceConversionRules: readonly Rule[] = [inPlaceConversionRule];
