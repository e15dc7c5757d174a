// The notifier pushes funnel, KPI and forecast cells, which the page draws as they come (live.js). The flow
// funnel's conversions and the leaderboard are not broadcast: they live in ClickHouse tables that the sink
// fills from other topics a moment later. So a funnel push of the shown scope triggers a short series of
// re-reads of those two until they have moved (or the series ends).
// Under steady traffic one series runs at a time: a push during a series extends it instead of
// starting another, which bounds the reads per page.

const DELAYS_MS = [250, 750, 1500, 3000, 6000, 10000];

export class FollowUp {

  /** @param read async () => boolean: reads everything once, true when the figures have caught up */
  constructor(read) {
    this.read = read;
    this.timer = null;
    this.step = 0;
    this.pushes = 0;
  }

  trigger() {
    this.pushes++;
    this.step = 0; // (re)start the series from its first delay, keeping the one timer
    if (!this.timer) this.schedule();
  }

  cancel() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  schedule() {
    this.timer = setTimeout(async () => {
      const pushes = this.pushes;
      let caughtUp = false;
      try {
        caughtUp = await this.read();
      } catch (e) {
        console.warn('follow-up read failed', e);
      }
      const restarted = this.pushes !== pushes; // a push arrived while reading
      this.step = restarted ? 0 : this.step + 1;
      if ((caughtUp && !restarted) || this.step >= DELAYS_MS.length) {
        this.timer = null;
      } else {
        this.schedule();
      }
    }, DELAYS_MS[this.step]);
  }
}
