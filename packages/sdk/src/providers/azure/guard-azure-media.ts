// Azure's media calls under the same guard as its chat calls: an Entra ID token the upstream
// refused is evicted, so that the next call fetches a fresh one.

import type { MediaSupport } from '../media-support.js';
import type { ProviderCallContext } from '../provider-adapter.js';

type Guard = <Result>(context: ProviderCallContext, call: () => Promise<Result>) => Promise<Result>;

export function guardMedia(media: MediaSupport, guard: Guard): MediaSupport {
  const { generateImage, editImage, transcribe, speak } = media;
  return {
    ...(generateImage === undefined ? {} : { generateImage: (request, context) => guard(context, () => generateImage(request, context)) }),
    ...(editImage === undefined ? {} : { editImage: (request, context) => guard(context, () => editImage(request, context)) }),
    ...(transcribe === undefined ? {} : { transcribe: (request, task, context) => guard(context, () => transcribe(request, task, context)) }),
    ...(speak === undefined ? {} : { speak: (request, context) => guard(context, () => speak(request, context)) }),
  };
}
