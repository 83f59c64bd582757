import { isPermission } from '@backstage/plugin-permission-common';
import {
  cloudopsIncidentCreatePermission,
  cloudopsIncidentReadPermission,
  cloudopsPermissions,
} from './permissions';

describe('cloudops permissions', () => {
  it('are named under cloudops. and listed once each', () => {
    const names = cloudopsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^cloudops\.[a-z]+\.[a-z]+$/);
    }
  });

  it('carry the action a policy keys on', () => {
    expect(
      isPermission(
        cloudopsIncidentReadPermission,
        cloudopsIncidentReadPermission,
      ),
    ).toBe(true);
    expect(cloudopsIncidentReadPermission.attributes.action).toBe('read');
    expect(cloudopsIncidentCreatePermission.attributes.action).toBe('create');
  });
});
