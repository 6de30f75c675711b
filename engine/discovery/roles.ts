export type ClusterRole = 'source' | 'target';
