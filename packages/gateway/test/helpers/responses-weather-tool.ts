// The function tool the /v1/responses tests offer (live and stored): a model asked 'weather?'
// by the fakes calls it, so a test can follow a tool call round trip on every upstream.

export const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};
