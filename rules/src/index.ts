import type { TSESLint } from '@typescript-eslint/utils';
import { recommendedRules, recommendedTypeCheckedRules, strictRules } from './configs.js';
import { rules } from './rules/index.js';

// Read at run time so the published version is the package's own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

interface Plugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<'recommended' | 'recommended-type-checked' | 'strict', TSESLint.FlatConfig.Config>;
}

const plugin: Plugin = {
  meta: { name, version },
  rules,
  configs: {} as Plugin['configs'],
};

// Flat configs refer to the plugin object itself, so they are filled in after it exists.
const flatConfig = (configName: string, configRules: TSESLint.FlatConfig.Rules): TSESLint.FlatConfig.Config => ({
  name: `async-guard/${configName}`,
  plugins: { 'async-guard': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: configRules,
});
plugin.configs.recommended = flatConfig('recommended', recommendedRules);
plugin.configs['recommended-type-checked'] = flatConfig('recommended-type-checked', recommendedTypeCheckedRules);
plugin.configs.strict = flatConfig('strict', strictRules);

export = plugin;
