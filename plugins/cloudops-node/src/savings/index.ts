export * from './wasteDetectors';
export * from './detection';
export * from './prices';
