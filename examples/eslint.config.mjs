// A plain ESLint flat config, exactly as a project would use the plugin in CI.
import asyncGuard from 'eslint-plugin-async-guard';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  asyncGuard.configs.strict,
];
