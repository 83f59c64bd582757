import { Entity } from '@backstage/catalog-model';
import { templateValues } from './templateValues';

const template = (properties: string[], required: string[]): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 't' },
  spec: {
    parameters: [
      {
        required,
        properties: Object.fromEntries(properties.map(p => [p, {}])),
      },
    ],
  },
});

describe('templateValues', () => {
  it("fills the subject's id into the parameter the template declares for it", () => {
    const incident = { incidentId: 'i-1' };
    const opportunity = { opportunityId: 'o-1' };
    expect(
      templateValues(template(['incidentId'], ['incidentId']), {}, incident),
    ).toEqual({ values: { incidentId: 'i-1' }, missing: [] });
    expect(
      templateValues(
        template(['opportunityId', 'volumeId'], ['opportunityId']),
        { volumeId: 'vol-1' },
        opportunity,
      ),
    ).toEqual({
      values: { opportunityId: 'o-1', volumeId: 'vol-1' },
      missing: [],
    });
  });

  it('never passes an id the template does not declare, keeps what the remediation set, and names what is missing', () => {
    expect(
      templateValues(
        template(['incidentId', 'reason'], ['incidentId', 'reason']),
        {},
        { opportunityId: 'o-1' },
      ),
    ).toEqual({ values: {}, missing: ['incidentId', 'reason'] });
    expect(
      templateValues(
        template(['incidentId'], []),
        { incidentId: 'given' },
        { incidentId: 'i-1' },
      ).values,
    ).toEqual({ incidentId: 'given' });
  });
});
