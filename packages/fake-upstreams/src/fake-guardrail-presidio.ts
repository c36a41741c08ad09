// Microsoft Presidio's two HTTP services, as their containers serve them: the analyzer
// (POST /analyze {text, language, entities?, score_threshold?} → [{entity_type, start, end,
// score}]) and the anonymizer (POST /anonymize {text, analyzer_results, anonymizers?} →
// {text, items}). The analyzer knows a few recognizers (EMAIL_ADDRESS, PHONE_NUMBER,
// CREDIT_CARD, PERSON from a short name list) and English only, as a default install would
// answer for these; the anonymizer replaces with `<ENTITY_TYPE>` unless told otherwise.

import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';
import { isRecord } from './is-record.js';

interface Recognizer {
  entity: string;
  regex: RegExp;
  score: number;
}

const RECOGNIZERS: readonly Recognizer[] = [
  { entity: 'EMAIL_ADDRESS', regex: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, score: 1 },
  { entity: 'CREDIT_CARD', regex: /\b(?:\d[ -]?){13,16}\b/g, score: 1 },
  { entity: 'PHONE_NUMBER', regex: /\+?\d{1,2}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b/g, score: 0.75 },
  { entity: 'PERSON', regex: /\b(?:Jane Doe|John Smith)\b/g, score: 0.85 },
];

interface AnalyzerResult {
  entity_type: string;
  start: number;
  end: number;
  score: number;
}

export interface FakePresidio {
  analyzer: FakeServer;
  anonymizer: FakeServer;
  close(): Promise<void>;
}

export async function startFakePresidio(): Promise<FakePresidio> {
  const analyzer = await startFakeServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') return sendJson(response, 200, 'Presidio Analyzer service is up');
    if (request.method !== 'POST' || request.url !== '/analyze') return sendJson(response, 404, { error: 'Not Found' });
    const body = request.json;
    if (!isRecord(body) || typeof body['text'] !== 'string' || typeof body['language'] !== 'string') return sendJson(response, 500, { error: 'Invalid request json' });
    if (body['language'] !== 'en') return sendJson(response, 500, { error: `No matching recognizers were found to serve the request.` });
    const wanted = Array.isArray(body['entities']) ? new Set(body['entities'].map(String)) : undefined;
    const threshold = typeof body['score_threshold'] === 'number' ? body['score_threshold'] : 0;
    const results: AnalyzerResult[] = [];
    for (const recognizer of RECOGNIZERS) {
      if (wanted !== undefined && !wanted.has(recognizer.entity)) continue;
      for (const match of body['text'].matchAll(recognizer.regex)) {
        const start = match.index;
        if (recognizer.score >= threshold) results.push({ entity_type: recognizer.entity, start, end: start + match[0].length, score: recognizer.score });
      }
    }
    return sendJson(response, 200, results);
  });
  const anonymizer = await startFakeServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') return sendJson(response, 200, 'Presidio Anonymizer service is up');
    if (request.method !== 'POST' || request.url !== '/anonymize') return sendJson(response, 404, { error: 'Not Found' });
    const body = request.json;
    if (!isRecord(body) || typeof body['text'] !== 'string' || !Array.isArray(body['analyzer_results']))
      return sendJson(response, 422, { error: 'Invalid input, text and analyzer_results are required' });
    return sendJson(response, 200, anonymize(body['text'], body['analyzer_results'] as AnalyzerResult[], body['anonymizers']));
  });
  return { analyzer, anonymizer, close: async () => void (await Promise.all([analyzer.close(), anonymizer.close()])) };
}

/** Overlaps keep the higher score (Presidio's conflict rule); each span becomes the operator's text. */
function anonymize(text: string, results: AnalyzerResult[], anonymizers: unknown): { text: string; items: unknown[] } {
  const kept: AnalyzerResult[] = [];
  for (const result of [...results].sort((a, b) => b.score - a.score || a.start - b.start)) {
    if (kept.every((other) => result.end <= other.start || result.start >= other.end)) kept.push(result);
  }
  kept.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  const items: unknown[] = [];
  for (const result of kept) {
    out += text.slice(cursor, result.start);
    const operator = operatorFor(result.entity_type, anonymizers);
    const start = out.length;
    out += operator;
    items.push({ start, end: out.length, entity_type: result.entity_type, text: operator, operator: 'replace' });
    cursor = result.end;
  }
  return { text: out + text.slice(cursor), items };
}

function operatorFor(entity: string, anonymizers: unknown): string {
  const chosen = isRecord(anonymizers) ? (anonymizers[entity] ?? anonymizers['DEFAULT']) : undefined;
  if (isRecord(chosen) && chosen['type'] === 'replace' && typeof chosen['new_value'] === 'string') return chosen['new_value'];
  return `<${entity}>`;
}
