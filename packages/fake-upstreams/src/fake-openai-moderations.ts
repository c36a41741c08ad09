// OpenAI's `/v1/moderations` as the fake answers it: one result per input string (one for a
// multimodal list), flagged by telltale words, with every category of the model's family:
// omni-moderation adds `illicit` and `illicit/violent`, and says which input types each
// category was judged on.

const OMNI_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];
const TEXT_CATEGORIES = OMNI_CATEGORIES.filter((category) => !category.startsWith('illicit'));

/** Words that make the fake score a category high. */
const TELLTALES: Readonly<Record<string, RegExp>> = {
  violence: /\b(kill|hurt|attack)\b/i,
  harassment: /\b(idiot|stupid)\b/i,
  'self-harm': /\bself-harm\b/i,
};

export function createFakeModeration(body: Record<string, unknown>, id: string): Record<string, unknown> | string {
  const input = body['input'];
  const model = typeof body['model'] === 'string' ? body['model'] : 'omni-moderation-latest';
  const omni = !model.startsWith('text-moderation');
  let texts: Array<{ text: string; image: boolean }>;
  if (typeof input === 'string') texts = [{ text: input, image: false }];
  else if (Array.isArray(input) && input.every((item) => typeof item === 'string')) texts = input.map((text: string) => ({ text, image: false }));
  else if (Array.isArray(input) && omni) {
    const parts = input as Array<{ type?: string; text?: string }>;
    texts = [{ text: parts.map((part) => part.text ?? '').join(' '), image: parts.some((part) => part.type === 'image_url') }];
  } else return "Invalid type for 'input'.";
  const categories = omni ? OMNI_CATEGORIES : TEXT_CATEGORIES;
  const results = texts.map(({ text, image }) => {
    const scores: Record<string, number> = {};
    const flags: Record<string, boolean> = {};
    const applied: Record<string, string[]> = {};
    for (const category of categories) {
      const hit = TELLTALES[category]?.test(text) === true;
      scores[category] = hit ? 0.91 : 0.0004;
      flags[category] = hit;
      applied[category] =
        image && ['sexual', 'violence', 'violence/graphic', 'self-harm', 'self-harm/intent', 'self-harm/instructions'].includes(category) ? ['text', 'image'] : ['text'];
    }
    const result: Record<string, unknown> = { flagged: Object.values(flags).some(Boolean), categories: flags, category_scores: scores };
    if (omni) result['category_applied_input_types'] = applied;
    return result;
  });
  return { id, model: omni ? 'omni-moderation-2024-09-26' : 'text-moderation-007', results };
}
