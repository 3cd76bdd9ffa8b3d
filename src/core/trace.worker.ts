// Embeds the invisible trace into bands of a picture off the page's thread (trace-bands.ts).
import { bandWorker, type BandRequest } from './trace-bands.ts';

const answer = bandWorker();

self.onmessage = (e: MessageEvent<BandRequest>) => {
  const { answer: a, transfer } = answer(e.data);
  self.postMessage(a, { transfer });
};
