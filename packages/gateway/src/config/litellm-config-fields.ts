// Fields LiteLLM's proxy knows that llmux does not implement yet, by config section.
// Source: BerriAI/litellm docs/my-website/docs/proxy/config_settings.md ("All settings"),
// caching.md and configs.md. A config using them still loads, with one startup warning.

export const LITELLM_TOP_LEVEL = ['callback_settings', 'credential_list', 'mcp_servers', 'files_settings', 'finetune_settings', 'assistant_settings', 'vector_store_registry', 'search_tools', 'prompts', 'model_group_settings'];

export const LITELLM_LITELLM_SETTINGS = [
  'set_verbose', 'json_logs', 'service_callbacks', 'langfuse_default_tags', 'force_ipv4', 'modify_params', 'enable_preview_features',
  'mcp_aliases', 'disable_end_user_cost_tracking', 'disable_end_user_cost_tracking_prometheus_only', 'default_key_generate_params',
  'default_internal_user_params', 'default_team_settings', 'max_internal_user_budget', 'internal_user_budget_duration', 'public_teams',
  'disable_add_transform_inline_image_block', 'use_chat_completions_url_for_anthropic_messages', 'disable_hf_tokenizer_download',
  'enable_json_schema_validation', 'enable_key_alias_format_validation', 'disable_copilot_system_to_assistant', 'enable_azure_ad_token_refresh',
  'store_audit_logs', 'redact_messages_in_exceptions', 'return_response_headers', 'ssl_verify', 'telemetry', 'tag_budget_config',
  'prometheus_initialize_budget_metrics', 'custom_prometheus_metadata_labels', 'global_disable_no_log_param', 'LITELLM_DISABLE_STOP_SEQUENCE_LIMIT',
  'enable_loadbalancing_on_batch_endpoints', 'disable_aiohttp_transport', 'max_user_budget', 'success_callback_params', 'context_window_fallback_dict',
];

export const LITELLM_GENERAL_SETTINGS = [
  'completion_model', 'disable_spend_logs', 'disable_spend_updates', 'disable_master_key_return', 'disable_retry_on_max_parallel_request_limit_error',
  'disable_reset_budget', 'disable_adding_master_key_hash_to_db', 'disable_responses_id_security', 'enforce_user_param', 'database_connection_pool_limit',
  'database_connection_timeout', 'allow_requests_on_db_unavailable', 'max_parallel_requests', 'global_max_parallel_requests', 'infer_model_from_keys',
  'alerting_threshold', 'use_client_credentials_pass_through_routes', 'health_check_details', 'public_routes', 'alert_types', 'image_generation_model',
  'store_model_in_db', 'supported_db_objects', 'user_mcp_management_mode', 'max_response_size_mb', 'proxy_budget_rescheduler_min_time',
  'proxy_budget_rescheduler_max_time', 'proxy_batch_polling_interval', 'embedding_model', 'alert_to_webhook_url', 'allow_user_auth',
  'user_api_key_cache_ttl', 'disable_prisma_schema_update', 'litellm_key_header_name', 'moderation_model', 'allow_client_side_credentials',
  'spend_report_frequency', 'litellm_license', 'pass_through_endpoints', 'forward_openai_org_id', 'forward_client_headers_to_llm_api',
  'maximum_spend_logs_retention_period', 'maximum_spend_logs_retention_interval', 'ui_logo_path', 'disable_ui',
];

export const LITELLM_ROUTER_SETTINGS = [
  'redis_db', 'enable_pre_call_check', 'tag_filtering_match_any', 'disable_cooldowns', 'default_max_parallel_requests', 'default_priority',
  'polling_interval', 'default_litellm_params', 'debug_level', 'client_ttl', 'cache_kwargs', 'routing_strategy_args', 'caching_groups',
  'alerting_config', 'assistants_config', 'set_verbose', 'provider_budget_config', 'model_group_retry_policy', 'cache_responses',
  'router_general_settings', 'optional_pre_call_checks', 'deployment_affinity_ttl_seconds', 'ignore_invalid_deployments', 'search_tools',
];

export const LITELLM_PARAMS = [
  'custom_llm_provider', 'max_retries', 'organization', 'region_name', 'aws_session_name', 'aws_profile_name', 'aws_role_name',
  'aws_web_identity_token', 'aws_sts_endpoint', 'aws_external_id', 'watsonx_region_name', 'input_cost_per_pixel', 'output_cost_per_pixel',
  'input_cost_per_token_batches', 'output_cost_per_token_batches', 'input_cost_per_query', 'max_file_size_mb', 'max_budget', 'budget_duration',
  'use_in_pass_through', 'use_litellm_proxy', 'merge_reasoning_content_in_choices', 'mock_response', 'tenant_id', 'client_id', 'client_secret',
  'azure_username', 'azure_password', 'azure_ad_token_provider', 'litellm_credential_name', 'configurable_clientside_auth_params',
  'additional_drop_params', 'headers', 'num_retries', 'base_model', 'litellm_metadata', 'auto_router_config_path', 'auto_router_config',
  'auto_router_default_model', 'auto_router_embedding_model', 'litellm_trace_id', 'vertex_ai_credentials',
  // Custom prompt templates (configs.md, "Set Custom Prompt Templates").
  'initial_prompt_value', 'roles', 'final_prompt_value', 'bos_token', 'eos_token',
];

export const LITELLM_MODEL_INFO = [
  'base_model', 'max_tokens', 'max_output_tokens', 'litellm_provider', 'description', 'team_id', 'team_public_model_name', 'tier',
  'db_model', 'created_at', 'created_by', 'updated_at', 'updated_by', 'key', 'direct_access',
  'output_vector_size', 'version', 'supported_environments', 'custom_tokenizer', 'input_cost_per_pixel', 'output_cost_per_pixel', 'tpm', 'rpm', 'disable_background_health_check', 'additionalProp1',
];

export const LITELLM_CACHE_PARAMS = [
  'max_connections', 'redis_startup_nodes', 'service_name', 'sentinel_nodes', 'sentinel_password', 'gcp_service_account',
  'gcp_ssl_ca_certs', 'ssl', 'ssl_cert_reqs', 'ssl_check_hostname', 'qdrant_semantic_cache_embedding_model', 'qdrant_collection_name',
  'qdrant_quantization_config', 'qdrant_semantic_cache_vector_size', 'qdrant_api_base', 'qdrant_api_key', 'similarity_threshold',
  'redis_semantic_cache_embedding_model', 'redis_semantic_cache_index_name', 's3_bucket_name', 's3_region_name', 's3_aws_access_key_id',
  's3_aws_secret_access_key', 's3_endpoint_url', 'gcs_bucket_name', 'gcs_path_service_account', 'gcs_path',
  'default_in_memory_ttl', 'default_in_redis_ttl', 'disable_copilot_system_to_assistant', 'username',
];

export const LITELLM_ALERTING_ARGS = [
  'daily_report_frequency', 'report_check_interval', 'budget_alert_ttl', 'outage_alert_ttl', 'region_outage_alert_ttl',
  'minor_outage_alert_threshold', 'major_outage_alert_threshold', 'max_outage_alert_list_size', 'log_to_console',
];
