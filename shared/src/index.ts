export * from './domain.ts';
export * from './errors.ts';
export * from './realtime.ts';
export * from './schemas/audit.ts';
export * from './schemas/auth.ts';
export * from './schemas/geography.ts';
export * from './schemas/patients.ts';
export * from './identity.ts';
