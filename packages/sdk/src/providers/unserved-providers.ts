// LiteLLM provider ids that llmux knows of and does not serve, each with the reason. A
// config naming one is refused at start with that reason, rather than as "unknown".

export const UNSERVED_PROVIDERS: Readonly<Record<string, string>> = {
  github_copilot: "GitHub Copilot's API needs an interactive OAuth device login and a per-session token exchange, which a server cannot do unattended",
  oci: 'OCI Generative AI signs every request with an OCI API signing key, which llmux does not implement',
  nlp_cloud: "NLP Cloud speaks its own API, not OpenAI's, and has no adapter yet",
  'text-completion-openai': 'chat over the legacy /completions API is not implemented; use openai/ for chat models',
  triton: 'NVIDIA Triton speaks its own inference protocol, which has no adapter yet',
  predibase: 'Predibase speaks its own generate API, which has no adapter yet',
  petals: 'Petals runs a Python peer-to-peer client in-process, which a Node server cannot',
  aleph_alpha: 'Aleph Alpha speaks its own completion API, which has no adapter yet',
  palm: 'Google retired the PaLM API; use gemini/',
  maritalk: 'Maritaca speaks its own chat API, which has no adapter yet',
  bytez: 'Bytez speaks its own model API, which has no adapter yet',
  datarobot: "DataRobot's LLM gateway needs its deployment URL scheme, which has no adapter yet",
  gradient_ai: 'DigitalOcean Gradient agents need their agent-endpoint scheme, which has no adapter yet',
};
