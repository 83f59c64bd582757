import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';

/** A product of the price list with its one on-demand price, in US dollars. */
export interface FakeProduct {
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  usd: number;
  unit: string;
}

/** The endpoints the Price List Query API has. */
const PRICING_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'];

/**
 * The AWS Price List Query API (JSON 1.1): GetProducts with TERM_MATCH
 * filters on attributes (and `productFamily`), pages of at most 100 price
 * list items (each a JSON string in the `aws_v1` format) with NextToken.
 */
export class FakePricing {
  readonly products: FakeProduct[] = [];

  addProduct(product: FakeProduct) {
    this.products.push(product);
  }

  readonly service = awsJsonService({
    signingName: 'pricing',
    iamPrefix: 'pricing',
    targetPrefix: 'AWSPriceListService',
    version: '1.1',
    errorNamespace: 'com.amazonaws.pricing',
    operations: {
      GetProducts: (input, context) => {
        if (!PRICING_REGIONS.includes(context.region)) {
          throw invalid(
            'InvalidParameterException',
            `The Price List Query API has no endpoint in ${context.region}`,
          );
        }
        const serviceCode = required(input.ServiceCode, 'serviceCode');
        const filters: Array<{ Type: string; Field: string; Value: string }> =
          input.Filters ?? [];
        for (const f of filters) {
          if (f.Type !== 'TERM_MATCH') {
            throw invalid(
              'InvalidParameterException',
              `Filter type ${f.Type} is not supported by the fake`,
            );
          }
        }
        const max = input.MaxResults ?? 100;
        if (max < 1 || max > 100) {
          throw invalid(
            'InvalidParameterException',
            'MaxResults must be between 1 and 100',
          );
        }
        const all = this.products.filter(
          p =>
            p.serviceCode === serviceCode &&
            filters.every(
              f =>
                (f.Field === 'productFamily'
                  ? p.productFamily
                  : p.attributes[f.Field]) === f.Value,
            ),
        );
        const offset = input.NextToken ? Number(input.NextToken) : 0;
        return {
          FormatVersion: 'aws_v1',
          PriceList: all
            .slice(offset, offset + max)
            .map((p, i) => JSON.stringify(priceListItem(p, offset + i))),
          NextToken:
            offset + max < all.length ? String(offset + max) : undefined,
        };
      },
    },
  });
}

function priceListItem(p: FakeProduct, n: number) {
  const sku = `SKU${String(n).padStart(10, '0')}`;
  return {
    product: {
      productFamily: p.productFamily,
      attributes: { servicecode: p.serviceCode, ...p.attributes },
      sku,
    },
    serviceCode: p.serviceCode,
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          offerTermCode: 'JRTCKXETXF',
          sku,
          effectiveDate: '2025-06-01T00:00:00Z',
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`,
              unit: p.unit,
              description: `${p.usd} USD per ${p.unit}`,
              pricePerUnit: { USD: p.usd.toFixed(10) },
            },
          },
        },
      },
    },
    version: '20250601000000',
    publicationDate: '2025-06-01T00:00:00Z',
  };
}
