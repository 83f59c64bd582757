import { templateLaunchUrl } from './remediationTemplates';

describe('templateLaunchUrl', () => {
  it('builds the scaffolder page with the form prefilled', () => {
    const url = templateLaunchUrl('cloudops-k8s-rightsize-requests', {
      opportunityId: '0b7c6f8e-2a53-4d4e-9b1a-5f0c2d7e8a91',
      container: 'app & sidecar',
    });
    const parsed = new URL(url, 'http://portal.test');
    expect(parsed.pathname).toBe(
      '/create/templates/default/cloudops-k8s-rightsize-requests',
    );
    expect(JSON.parse(parsed.searchParams.get('formData')!)).toEqual({
      opportunityId: '0b7c6f8e-2a53-4d4e-9b1a-5f0c2d7e8a91',
      container: 'app & sidecar',
    });
  });

  it('honours another mount point and namespace', () => {
    expect(
      templateLaunchUrl(
        'restart',
        {},
        { basePath: '/self-service/', namespace: 'ops' },
      ),
    ).toBe('/self-service/templates/ops/restart?formData=%7B%7D');
  });
});
