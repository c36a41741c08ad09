// The request every benchmark sends: a small, typical chat completion (system + user
// message, a few parameters), about 330 bytes, the same bytes for every target.

const MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant. Answer in one short paragraph.' },
  { role: 'user', content: 'Explain in two sentences why a benchmark of a proxy needs a direct baseline measured in the same run.' },
];

export function chatBody(model, { stream = false } = {}) {
  return JSON.stringify({ model, messages: MESSAGES, max_tokens: 128, temperature: 0.2, ...(stream ? { stream: true } : {}) });
}

/** The same conversation as an Anthropic Messages request (the /v1/messages rows). */
export function messagesBody(model) {
  const [system, user] = MESSAGES;
  return JSON.stringify({ model, system: system.content, messages: [{ role: 'user', content: user.content }], max_tokens: 128, temperature: 0.2 });
}
