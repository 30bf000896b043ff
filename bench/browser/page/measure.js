// Injected into the measured page before its own scripts (plain JavaScript on purpose: the
// bench's TypeScript loader would rewrite functions serialised into the page).
//
// Transition latency: from the `click` that moves on (its event timestamp, i.e. when the
// browser dispatched the input) to the frame after the DOM first shows the next question:
// requestAnimationFrame, then a MessageChannel task, runs just after that frame is produced.
// `window.__benchKind` (set by the bench just before this script) says how to read the
// current question: 'reperes' (main[data-question]) or 'surveyjs' (.sd-question[data-name]).
(() => {
  const kind = window.__benchKind === 'surveyjs' ? 'surveyjs' : 'reperes';
  const currentId = () => {
    if (kind === 'surveyjs') {
      const q = document.querySelector('.sd-question[data-name]');
      if (q) return q.getAttribute('data-name');
      return document.querySelector('.sd-completedpage') ? '#completed' : null;
    }
    const main = document.querySelector('main[data-question]');
    if (main) return main.getAttribute('data-question');
    return document.querySelector('main.screen--result') ? '#result' : null;
  };

  const afterNextFrame = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback();
      channel.port2.postMessage(0);
    });

  // Cold load: the first moment the attract screen's start button (or SurveyJS's first
  // question) is in the DOM and enabled, then the frame that shows it; times are from the
  // navigation start (performance.timeOrigin).
  const ready = new Promise((resolve) => {
    const check = () => {
      const button = kind === 'surveyjs' ? document.querySelector('.sd-navigation__next-btn') : document.querySelector('main.attract button.button--primary');
      if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return false;
      const dom = performance.now();
      observer.disconnect();
      afterNextFrame(() => resolve({ dom, painted: performance.now() }));
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });

  window.__bench = {
    kind,
    currentId,
    ready,
    pending: null,
    /**
     * Arms one measurement; the bench then clicks, and awaits `window.__bench.pending`.
     *
     * Two figures per tap. `eventMs` is the browser's own: the Event Timing entry of the
     * click (the measure behind Interaction to Next Paint), from the click's timestamp to the
     * presentation of the next frame after its handlers ran, rounded by the browser to 8 ms;
     * with its three parts (input delay, processing, presentation delay). `paintMs` is this
     * script's: to the end of the main thread's work for the frame after the DOM first shows
     * the next question (requestAnimationFrame, then a MessageChannel task), which also counts
     * whatever other task the page runs before that message (kept for comparison).
     */
    arm() {
      const previous = currentId();
      let clickedAt = null;
      let framed = null;
      let timing = null;
      const onClick = (event) => {
        if (clickedAt === null) clickedAt = event.timeStamp;
      };
      window.addEventListener('click', onClick, true);
      this.pending = new Promise((resolve, reject) => {
        let settled = false;
        const finish = () => {
          if (settled || framed === null) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(entryTimer);
          entries.disconnect();
          resolve({
            ...framed,
            eventMs: timing ? timing.duration : null,
            inputMs: timing ? timing.processingStart - timing.startTime : null,
            processingMs: timing ? timing.processingEnd - timing.processingStart : null,
            presentationMs: timing ? timing.startTime + timing.duration - timing.processingEnd : null,
          });
        };
        let entryTimer;
        const timer = setTimeout(() => {
          observer.disconnect();
          entries.disconnect();
          window.removeEventListener('click', onClick, true);
          reject(new Error(`no transition from ${previous} within 20 s`));
        }, 20000);
        // 16 ms is the smallest threshold the API allows; a click under it has no entry
        // (eventMs null): the bench then counts the in-page figure and reports how often.
        const entries = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.name === 'click' && clickedAt !== null && Math.abs(entry.startTime - clickedAt) < 0.5) {
              timing = entry;
              finish();
            }
          }
        });
        entries.observe({ type: 'event', durationThreshold: 16 });
        const observer = new MutationObserver(() => {
          if (clickedAt === null) return;
          const id = currentId();
          if (id === null || id === previous) return;
          const dom = performance.now();
          observer.disconnect();
          window.removeEventListener('click', onClick, true);
          afterNextFrame(() => {
            framed = { from: previous, to: id, domMs: dom - clickedAt, paintMs: performance.now() - clickedAt };
            if (timing) finish();
            // Entries arrive after the frame is presented; give up waiting after a second.
            else entryTimer = setTimeout(finish, 1000);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-question', 'data-name', 'class'] });
      });
      return previous;
    },
  };
})();
