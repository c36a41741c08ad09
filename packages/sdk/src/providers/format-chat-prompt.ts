// Chat messages → the one prompt string a text-generation API takes (SageMaker's TGI generate
// body, watsonx.ai's /text/generation), chosen as LiteLLM's prompt factory chooses it, minus
// its network fetch:
//  1. a deployment's own template (`roles`, `initial_prompt_value`, `final_prompt_value`,
//     `bos_token`, `eos_token`: LiteLLM's "custom prompt template" fields), else
//  2. the template of the model family that `hf_model_name` (else the model or endpoint name) names,
//     for the families llmux knows (Llama 2 chat, Llama 3, Mistral instruct, ChatML), else
//  3. LiteLLM's default: the messages' text joined by spaces, with a warning naming the
//     settings that fix it. (LiteLLM first downloads the model's Jinja chat template from the
//     Hugging Face Hub; llmux makes no such call, so it says what it did instead.)
// Such bodies have no tool or image fields: those are a 400 naming the provider's chat route.

import { BadRequestError } from '../errors/error-classes.js';
import type { ChatMessage } from '../spec/index.js';
import { instPrompt, llama3Prompt, type PromptTemplate, type PromptTurn } from './bedrock/format-bedrock-prompt.js';

interface RoleAffixes {
  pre_message?: string;
  post_message?: string;
}

interface CustomTemplate {
  roles: Readonly<Record<string, RoleAffixes>>;
  initial: string;
  final: string;
  bos: string;
  eos: string;
}

export interface ChatPrompt {
  text: string;
  /** Which template made it, for the warning and the tests. */
  template: string;
}

/** Who is asking: named in warnings and refusals. */
export interface PromptTarget {
  /** The provider id, as in `sagemaker/`. */
  provider: string;
  /** The model or endpoint name. */
  model: string;
  /** The route that takes messages, tools and images for this model (`sagemaker_chat/<endpoint>`). */
  chatRoute: string;
}

/** ChatML (Qwen, Yi, many fine-tunes): `<|im_start|>role\n…<|im_end|>`, ending on an open assistant turn. */
const chatMlPrompt: PromptTemplate = (turns) => `${turns.map((turn) => `<|im_start|>${turn.role}\n${turn.text}<|im_end|>\n`).join('')}<|im_start|>assistant\n`;

/** Families by a marker in the lowercased model name, first match wins (LiteLLM's prompt factory names them alike). */
const FAMILIES: ReadonlyArray<{ name: string; matches: (model: string) => boolean; template: PromptTemplate }> = [
  { name: 'llama-2-chat', matches: (model) => /llama-?2/.test(model) && model.includes('chat'), template: instPrompt },
  { name: 'llama-3', matches: (model) => /llama-?3/.test(model), template: llama3Prompt },
  { name: 'mistral-instruct', matches: (model) => /mistral|mixtral/.test(model) && model.includes('instruct'), template: instPrompt },
  { name: 'chatml', matches: (model) => /qwen|chatml|-yi-/.test(model), template: chatMlPrompt },
];

export function formatChatPrompt(messages: ChatMessage[], target: PromptTarget, settings: Readonly<Record<string, unknown>>, warnings: string[]): ChatPrompt {
  const turns = toTurns(messages, target);
  const custom = readCustomTemplate(settings);
  if (custom !== undefined) return { text: applyCustomTemplate(custom, turns), template: 'custom' };
  const hfModelName = settings['hf_model_name'];
  const name = (typeof hfModelName === 'string' && hfModelName !== '' ? hfModelName : target.model).toLowerCase();
  const family = FAMILIES.find((candidate) => candidate.matches(name));
  if (family !== undefined) return { text: family.template(turns), template: family.name };
  warnings.push(
    `${target.provider}: no chat template known for "${name}", so the messages' text was sent joined by spaces; ` +
      'set hf_model_name (a Llama 2 chat, Llama 3, Mistral instruct or ChatML model) or roles/initial_prompt_value/final_prompt_value, ' +
      `or use ${target.chatRoute} for the messages API`,
  );
  return { text: turns.map((turn) => turn.text).join(' '), template: 'default' };
}

function toTurns(messages: ChatMessage[], target: PromptTarget): PromptTurn[] {
  return messages.map((message, index): PromptTurn => {
    const refuse = (what: string): never => {
      throw new BadRequestError(`${target.provider}/ sends a text-generation prompt, which takes no ${what}; use ${target.chatRoute} for the messages API`, {
        param: `messages[${index}]`,
      });
    };
    if (message.role === 'tool') return refuse('tool results');
    if (message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0) return refuse('tool calls');
    const content = message.content ?? '';
    const text = typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : refuse(`"${part.type}" content parts`))).join('');
    return { role: message.role === 'developer' ? 'system' : message.role, text };
  });
}

function readCustomTemplate(settings: Readonly<Record<string, unknown>>): CustomTemplate | undefined {
  const { roles, initial_prompt_value: initial, final_prompt_value: final, bos_token: bos, eos_token: eos } = settings;
  if (roles === undefined && initial === undefined && final === undefined) return undefined;
  if (roles !== undefined && !isRoleMap(roles)) {
    throw new BadRequestError('roles must map a role to {pre_message?, post_message?} strings', { param: 'roles' });
  }
  return { roles: roles ?? {}, initial: stringOr(initial), final: stringOr(final), bos: stringOr(bos), eos: stringOr(eos) };
}

/**
 * LiteLLM's custom template: `bos + initial`, each message as `pre + content + post`, `eos`
 * after an assistant turn and `bos` again before the next system or user turn, then `final`.
 */
function applyCustomTemplate(template: CustomTemplate, turns: PromptTurn[]): string {
  let prompt = template.bos + template.initial;
  let open = true;
  for (const turn of turns) {
    if (!open && turn.role !== 'assistant') {
      prompt += template.bos;
      open = true;
    }
    const affixes = template.roles[turn.role];
    prompt += `${affixes?.pre_message ?? ''}${turn.text}${affixes?.post_message ?? ''}`;
    if (turn.role === 'assistant') {
      prompt += template.eos;
      open = false;
    }
  }
  return prompt + template.final;
}

function isRoleMap(value: unknown): value is Record<string, RoleAffixes> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (affixes: unknown) =>
      typeof affixes === 'object' &&
      affixes !== null &&
      Object.entries(affixes).every(([key, text]) => (key === 'pre_message' || key === 'post_message') && typeof text === 'string'),
  );
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
