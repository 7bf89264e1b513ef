export * from './condition-tree';
export * from './record-fields';
