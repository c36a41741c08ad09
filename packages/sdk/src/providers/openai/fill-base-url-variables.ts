// Fills the `{name}` placeholders of a row's base URL (an account id inside Cloudflare's or
// Snowflake's URL) from the call's settings or the environment. A missing value fails the
// call before it is sent, naming the setting and the variables that would supply it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { BaseUrlVariable } from './openai-provider-config.js';

export function fillBaseUrlVariables(base: string, variables: readonly BaseUrlVariable[], context: ProviderCallContext): string {
  let filled = base;
  for (const variable of variables) {
    const placeholder = `{${variable.name}}`;
    if (!filled.includes(placeholder)) continue;
    const value = readVariable(variable, context);
    if (value === undefined) {
      const where = [`pass ${variable.setting}`, ...variable.env.map((name) => `set ${name}`), 'or pass a full api_base'].join(', ');
      throw new BadRequestError(`provider "${context.provider}" needs its ${variable.name}: ${where}`, {
        provider: context.provider,
        model: context.model,
        param: variable.setting,
      });
    }
    filled = filled.split(placeholder).join(encodeURIComponent(value));
  }
  return filled;
}

function readVariable(variable: BaseUrlVariable, context: ProviderCallContext): string | undefined {
  const fromSetting = context.settings[variable.setting];
  if (typeof fromSetting === 'string' && fromSetting !== '') return fromSetting;
  for (const name of variable.env) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
