// The upload guard's prompt, shown in a frame over the page (see src/guard/content/frame.ts) or in a
// window of its own.
import { $ } from '../../src/ui/dom.ts';
import { localizePage } from '../../src/ui/language.ts';
import { receiveSession, runPrompt } from '../../src/ui/prompt.ts';

// Listen first: the content script sends the files as soon as this frame has loaded, and the
// language (settings, maybe a locale to load) takes a moment.
const received = receiveSession(window);
await localizePage(document);
await runPrompt(window, $('#prompt'), received);
