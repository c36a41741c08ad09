// Cloud Storage objects for Vertex AI batch prediction, over the JSON API with the
// deployment's Google token: upload (`uploadType=media`), list by prefix, download
// (`alt=media`), metadata (for the size) and delete. The host is storage.googleapis.com, or
// STORAGE_EMULATOR_HOST when set (the variable Google's own storage clients honour for an
// emulator). Errors are Google's JSON errors, read as the Gemini adapter reads them.

import { z } from 'zod';
import { createGeminiUpstreamError } from '../gemini/gemini-error.js';
import { readGeminiJson, type GeminiEndpoint } from '../gemini/send-gemini-request.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';

const STORAGE_HOST = 'https://storage.googleapis.com';
/** A list page holds at most this many names; a job writes one or a few prediction files. */
const LIST_PAGE_SIZE = 1000;

export interface GcsLocation {
  bucket: string;
  name: string;
}

const GS_URI = /^gs:\/\/([^/]+)\/(.+)$/;

export function parseGsUri(uri: string): GcsLocation | undefined {
  const match = GS_URI.exec(uri);
  return match === null ? undefined : { bucket: match[1] as string, name: match[2] as string };
}

export function gsUri(location: GcsLocation): string {
  return `gs://${location.bucket}/${location.name}`;
}

const objectSchema = z.looseObject({ name: z.string(), size: z.union([z.string(), z.number()]).optional() });
const listSchema = z.looseObject({ items: z.array(objectSchema).optional(), nextPageToken: z.string().optional() });

/** The token's headers and secrets, as for any Vertex call (a GeminiEndpoint without a model URL). */
export type GcsAuth = Pick<GeminiEndpoint, 'authHeaders' | 'secrets'>;

export async function uploadGcsObject(location: GcsLocation, data: Buffer, contentType: string, auth: GcsAuth, context: ProviderCallContext): Promise<void> {
  const url = `${storageHost()}/upload/storage/v1/b/${encodeURIComponent(location.bucket)}/o?uploadType=media&name=${encodeURIComponent(location.name)}`;
  const call = await send(context, 'POST', url, { 'content-type': contentType, ...auth.authHeaders }, data, auth);
  await call.response.body.dump();
}

export async function downloadGcsObject(location: GcsLocation, auth: GcsAuth, context: ProviderCallContext): Promise<Buffer> {
  const call = await send(context, 'GET', `${objectUrl(location)}?alt=media`, { ...auth.authHeaders }, undefined, auth);
  return Buffer.from(await call.response.body.arrayBuffer());
}

export async function gcsObjectSize(location: GcsLocation, auth: GcsAuth, context: ProviderCallContext): Promise<number> {
  const call = await send(context, 'GET', objectUrl(location), { accept: 'application/json', ...auth.authHeaders }, undefined, auth);
  const object = await readGeminiJson(call.response, objectSchema, endpointOf(auth), context, 'a Cloud Storage object resource');
  return Number(object.size ?? 0);
}

export async function deleteGcsObject(location: GcsLocation, auth: GcsAuth, context: ProviderCallContext): Promise<void> {
  const call = await send(context, 'DELETE', objectUrl(location), { ...auth.authHeaders }, undefined, auth);
  await call.response.body.dump();
}

export interface GcsObject {
  name: string;
  size: number;
}

/** The objects under a prefix, following the list's pages. */
export async function listGcsObjects(bucket: string, prefix: string, auth: GcsAuth, context: ProviderCallContext): Promise<GcsObject[]> {
  const names: GcsObject[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ prefix, maxResults: String(LIST_PAGE_SIZE), ...(pageToken === undefined ? {} : { pageToken }) });
    const call = await send(
      context,
      'GET',
      `${storageHost()}/storage/v1/b/${encodeURIComponent(bucket)}/o?${query.toString()}`,
      { accept: 'application/json', ...auth.authHeaders },
      undefined,
      auth,
    );
    const page = await readGeminiJson(call.response, listSchema, endpointOf(auth), context, 'a Cloud Storage object list');
    names.push(...(page.items ?? []).map((item) => ({ name: item.name, size: Number(item.size ?? 0) })));
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined && pageToken !== '');
  return names;
}

function objectUrl(location: GcsLocation): string {
  return `${storageHost()}/storage/v1/b/${encodeURIComponent(location.bucket)}/o/${encodeURIComponent(location.name)}`;
}

function storageHost(): string {
  const emulator = process.env['STORAGE_EMULATOR_HOST'];
  if (emulator === undefined || emulator === '') return STORAGE_HOST;
  const host = emulator.replace(/\/+$/, '');
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

function endpointOf(auth: GcsAuth): GeminiEndpoint {
  return { modelUrl: storageHost(), ...auth };
}

function send(
  context: ProviderCallContext,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  auth: GcsAuth,
): Promise<ProviderCall> {
  return sendProviderRequest(context, method, url, headers, body, createGeminiUpstreamError, auth.secrets);
}
