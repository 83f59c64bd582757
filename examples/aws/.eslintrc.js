module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // CDK constructs are created for their effect on the construct tree.
    'no-new': 'off',
    // A CDK app, not a Backstage package: it reads the policy and document
    // files that sit beside its sources.
    'no-restricted-syntax': 'off',
  },
});
