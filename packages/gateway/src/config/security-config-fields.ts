// LiteLLM settings that guard access, keys or secrets, which llmux does not implement yet.
// Ignoring one would serve openly what the user meant to restrict, so each stops the start
// unless `--allow-unsupported` is given (then it is only warned about).

export const SECURITY_TOP_LEVEL = [
  // Included files may hold general_settings (master_key, allowed_ips): never load half a config.
  'include',
];

export const SECURITY_GENERAL_SETTINGS = [
  'allowed_ips',
  'use_x_forwarded_for',
  'enable_jwt_auth',
  'litellm_jwtauth',
  'custom_auth',
  'enable_oauth2_auth',
  'enable_oauth2_proxy_auth',
  'oauth2_config_mappings',
  'admin_only_routes',
  'allowed_routes',
  'ui_access_mode',
  'default_team_disabled',
  'reject_clientside_metadata_tags',
  'enforced_params',
  'key_management_system',
  'key_management_settings',
  'use_google_kms',
  'use_azure_key_vault',
  'custom_key_generate',
  'custom_sso',
  'service_account_settings',
];

export const SECURITY_LITELLM_SETTINGS = ['guardrails', 'key_generation_settings', 'upperbound_key_generate_params', 'redact_user_api_key_info'];

export const SECURITY_ROUTER_SETTINGS = ['guardrail_list'];
