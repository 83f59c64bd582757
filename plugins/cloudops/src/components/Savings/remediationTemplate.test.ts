import { remediationTemplateUrl } from './remediationTemplate';

describe('remediationTemplateUrl', () => {
  it('opens the matching template with the opportunity id as form data', () => {
    const url = remediationTemplateUrl({ id: 'o-1', kind: 'ebs-orphan' })!;
    const [path, query] = url.split('?');
    expect(path).toBe(
      '/create/templates/default/cloudops-delete-orphan-volume',
    );
    expect(JSON.parse(new URLSearchParams(query).get('formData')!)).toEqual({
      opportunityId: 'o-1',
    });
    expect(
      remediationTemplateUrl({ id: 'o-2', kind: 'kubernetes-requests' }),
    ).toMatch(/^\/create\/templates\/default\/cloudops-rightsize-workload\?/);
  });

  it('has no template for kinds nothing carries out yet', () => {
    expect(remediationTemplateUrl({ id: 'o-3', kind: 'rds-idle' })).toBe(
      undefined,
    );
  });
});
