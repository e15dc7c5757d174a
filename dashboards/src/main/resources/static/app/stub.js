// Pages whose content comes in a later release: they already sit behind sign-in and share the header.
import {start} from './chrome.js';

await start(document.querySelector('script[data-page]').dataset.page);
