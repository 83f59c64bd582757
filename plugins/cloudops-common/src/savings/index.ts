export * from './ledger';
export * from './evidence';
export * from './opportunity';
export * from './report';
