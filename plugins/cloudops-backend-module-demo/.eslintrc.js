module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The scenario tests assert inside their shared helper.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectWholePath'] },
    ],
  },
});
