export * from './domain.ts';
export * from './errors.ts';
export * from './schemas/auth.ts';
