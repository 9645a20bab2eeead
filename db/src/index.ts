export * from './client.ts';
export * from './pg-error.ts';
export * as schema from './schema.ts';
export * from './schema.ts';
export * from './scratch.ts';
