// A deployment: one concrete way to serve a model group, in LiteLLM's `model_list` shape.

export interface DeploymentParams {
  /** `provider/model` at the upstream. */
  model: string;
  api_key?: string;
  api_base?: string;
  api_version?: string;
  rpm?: number;
  tpm?: number;
  weight?: number;
  timeout?: number;
  stream_timeout?: number;
  [setting: string]: unknown;
}

export interface DeploymentInfo {
  id?: string;
  [field: string]: unknown;
}

export interface Deployment {
  /** The public name clients ask for (the model group). */
  model_name: string;
  litellm_params: DeploymentParams;
  model_info?: DeploymentInfo;
}

/** A deployment with its id settled, as the router keeps it. */
export interface ResolvedDeployment extends Deployment {
  id: string;
}
