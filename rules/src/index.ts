import type { ESLint, Linter, Rule } from 'eslint';
import { recommendedRules, recommendedTypeCheckedRules, strictRules } from './configs.js';
import { rules } from './rules/index.js';

// Read at run time so the published version is the package's own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

/**
 * The plugin as ESLint sees it. Its rules are typescript-eslint rule modules, whose types do not
 * fit ESLint's `Plugin` type although the objects do; consumers get ESLint's types, so the
 * plugin and its configs go into `eslint.config.ts` (`defineConfig`, `Linter.Config[]`, or
 * typescript-eslint's `FlatConfig.Config[]`) without casts.
 */
interface Plugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<keyof typeof rules, Rule.RuleModule & { meta: Rule.RuleMetaData }>;
  configs: Record<'recommended' | 'recommended-type-checked' | 'strict', PluginConfig>;
}

/** A config of the plugin: its name, the plugin itself and rule settings, nothing else. */
interface PluginConfig {
  name: string;
  plugins: Record<string, ESLint.Plugin>;
  rules: Linter.RulesRecord;
}

const plugin: Plugin = {
  meta: { name, version },
  rules: rules as unknown as Plugin['rules'],
  configs: {} as Plugin['configs'],
};

// Flat configs refer to the plugin object itself, so they are filled in after it exists.
const flatConfig = (configName: string, configRules: Linter.RulesRecord): PluginConfig => ({
  name: `async-guard/${configName}`,
  plugins: { 'async-guard': plugin },
  rules: configRules,
});
plugin.configs.recommended = flatConfig('recommended', recommendedRules);
plugin.configs['recommended-type-checked'] = flatConfig('recommended-type-checked', recommendedTypeCheckedRules);
plugin.configs.strict = flatConfig('strict', strictRules);

export = plugin;
