export * from './instanceTypes';
export * from './onDemandPriceTable';
export * from './PriceList';
