// The rep's workspace: the signed-in user's own open deals by stage, each movable to another stage.
import {start} from '../app/chrome.js';
import {claims} from '../app/session.js';
import {PipelinePanel} from './pipeline.js';

if (await start('workspace')) {
  const pipeline = new PipelinePanel(document.getElementById('pipeline-stages'),
      document.getElementById('pipeline-message'), claims().sub);
  window.addEventListener('pulse:language', () => pipeline.draw());
  await pipeline.load();
}
