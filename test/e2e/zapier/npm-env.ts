// The environment for an npm (or a tool that runs npm) started from a test. npm and npx pass their resolved settings
// down as npm_* variables: npm_config_local_prefix would make an `npm install` in another folder act on this
// repository. Only the settings that say where npm finds its cache, configuration and registry are kept.
const KEPT_NPM_SETTINGS = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_cafile', 'npm_config_registry']);

export function envForNpm(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || KEPT_NPM_SETTINGS.has(key.toLowerCase())) env[key] = value;
  }
  return { ...env, ...extra };
}
